using Agensium.Analysis.Profile;

namespace Agensium.Scheduler.Tests.Analysis.ProfileAgents;

/// <summary>IBANs: the MOD 97-10 check and the length of the country's IBANs (ISO 13616 registry).</summary>
[TestClass]
public sealed class IbanCheckTests
{
    [TestMethod]
    [DataRow("DE89 3704 0044 0532 0130 00")]
    [DataRow("FR7630006000011234567890189")]
    [DataRow("NO93 8601 1117 947")]
    [DataRow("GB82WEST12345698765432")]
    [DataRow("IR062960000000100324200001")]      // review s41: IBANs in national use outside the registry
    [DataRow("MA64011519000001205000534921")]
    [DataRow("SN08SN0100152000048500003035")]
    [DataRow("DZ580002100001113000000570")]
    public void IsIban_ShouldBeTrue_ForAValidCodeOfItsCountrysLength(string value)
    {
        Assert.IsTrue(IbanCheck.IsIban(value), value);
    }

    [TestMethod]
    [DataRow("DE86 3704 0044 0532 0130")]    // Germany's IBANs have 22 characters, not 20
    [DataRow("NO62 8601 1117 9471 23")]      // Norway's 15, not 18
    [DataRow("GB49WEST123456987654321")]     // the United Kingdom's 22, not 23
    [DataRow("US67 1234 5678 9012 3456 7")]  // no IBANs in the United States
    public void IsIban_ShouldBeFalse_ForAValidCheckAtAnotherLengthThanItsCountrys(string value)
    {
        // s41: each passes MOD 97-10 (one code in 97 does by chance) and was an IBAN whatever its country and length.
        Assert.IsFalse(IbanCheck.IsIban(value), value);
        Assert.IsNull(EmbeddedPii.Find("Pay to " + value + " by Friday"), value);
    }
}
