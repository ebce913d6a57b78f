using System.Net;
using Agensium.Scheduler.Api;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// The key a dashboard login is counted against: keyed on the address's text, an IPv6 client took a fresh window per
/// address of its /64 (2^64 of them), and an IPv4 client seen through a dual-stack socket (::ffff:1.2.3.4) had a window
/// apart from the same client seen as 1.2.3.4.
/// </summary>
[TestClass]
public sealed class LoginClientKeyTests
{
    private static string Key(string address) => LoginClientKey.For(IPAddress.Parse(address));

    [TestMethod]
    public void IPv6Addresses_ShouldShareTheKeyOfTheirSlash64()
    {
        Assert.AreEqual(Key("2001:db8:1:2::1"), Key("2001:db8:1:2:ffff:ffff:ffff:fffe"));
        Assert.AreEqual(Key("2001:db8:1:2::1"), Key("2001:db8:1:2:a:b:c:d"));
        Assert.AreEqual("2001:db8:1:2::/64", Key("2001:db8:1:2:a:b:c:d"));
    }

    [TestMethod]
    public void IPv6Addresses_ShouldHaveKeysApart_WhenTheirSlash64sDiffer()
    {
        Assert.AreNotEqual(Key("2001:db8:1:2::1"), Key("2001:db8:1:3::1"));
        Assert.AreNotEqual(Key("2001:db8:1:2::1"), Key("2001:db9:1:2::1"));
    }

    [TestMethod]
    public void IPv4MappedAddress_ShouldBeKeyedAsItsIPv4Address()
    {
        Assert.AreEqual("1.2.3.4", Key("::ffff:1.2.3.4"));
        Assert.AreEqual(Key("1.2.3.4"), Key("::ffff:1.2.3.4"));
        Assert.AreNotEqual(Key("1.2.3.4"), Key("::ffff:1.2.3.5"));
    }

    [TestMethod]
    public void IPv4Address_ShouldBeItsOwnKey()
    {
        Assert.AreEqual("1.2.3.4", Key("1.2.3.4"));
        Assert.AreNotEqual(Key("1.2.3.4"), Key("1.2.3.5"));
    }

    [TestMethod]
    public void LinkLocalAddresses_ShouldShareAKey_WhateverTheirScope()
    {
        Assert.AreEqual(Key("fe80::1%2"), Key("fe80::2%3"));
    }

    [TestMethod]
    public void MissingAddress_ShouldBeKeyedUnknown() => Assert.AreEqual("unknown", LoginClientKey.For(null));
}
