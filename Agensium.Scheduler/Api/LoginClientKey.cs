using System.Net;
using System.Net.Sockets;

namespace Agensium.Scheduler.Api;

/// <summary>
/// The client a login attempt is counted against (<see cref="LoginQuota"/>). An IPv6 client is one /64: a host is
/// usually given a whole /64 and may take any address in it, so counting single addresses handed it a fresh window per
/// address. An IPv4-mapped address (::ffff:1.2.3.4, what a dual-stack socket reports for an IPv4 client) is that IPv4
/// address, so one client is one key whichever socket it came through.
/// </summary>
public static class LoginClientKey
{
    /// <summary>Bytes of an IPv6 address that name its /64 network.</summary>
    private const int PrefixBytes = 8;

    public static string For(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, PrefixBytes, bytes.Length - PrefixBytes); // also drops a link-local address's scope id
        return new IPAddress(bytes) + "/64";
    }
}
