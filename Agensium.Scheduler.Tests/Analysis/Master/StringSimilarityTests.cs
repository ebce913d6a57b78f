using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>Jaro-Winkler, Indel ratio, token-sort ratio and Soundex against published values.</summary>
[TestClass]
public sealed class StringSimilarityTests
{
    [TestMethod]
    [DataRow("MARTHA", "MARHTA", 0.9611)]
    [DataRow("DWAYNE", "DUANE", 0.84)]
    [DataRow("DIXON", "DICKSONX", 0.8133)]
    [DataRow("CRATE", "TRACE", 0.7333)]
    public void JaroWinkler_ShouldMatchPublishedValues_WhenComparingClassicPairs(string a, string b, double expected)
    {
        Assert.AreEqual(expected, StringSimilarity.JaroWinkler(a, b), 0.0001);
    }

    [TestMethod]
    public void Jaro_ShouldGiveWinklersJaroValue_WhenComparingMarthaMarhta()
    {
        Assert.AreEqual(0.9444, StringSimilarity.Jaro("MARTHA", "MARHTA"), 0.0001);
        Assert.AreEqual(0.0, StringSimilarity.Jaro("ABC", "XYZ"));
        Assert.AreEqual(1.0, StringSimilarity.JaroWinkler("same", "same"));
    }

    [TestMethod]
    public void IndelRatio_ShouldRoundLikeRapidFuzz_WhenOneCharacterIsAdded()
    {
        double ratio = StringSimilarity.IndelRatio("this is a test", "this is a test!");

        Assert.AreEqual(96.5517, ratio, 0.0001);
        Assert.AreEqual(97, Math.Round(ratio));
    }

    [TestMethod]
    public void IndelRatio_ShouldMatchFuzzRatio_WhenWordsAreSwapped()
    {
        Assert.AreEqual(90.9091, StringSimilarity.IndelRatio("fuzzy wuzzy was a bear", "wuzzy fuzzy was a bear"), 0.0001);
        Assert.AreEqual(100.0, StringSimilarity.TokenSortRatio("fuzzy wuzzy was a bear", "wuzzy fuzzy was a bear"));
        Assert.AreEqual(100.0, StringSimilarity.IndelRatio("", ""));
        Assert.AreEqual(0.0, StringSimilarity.IndelRatio("abc", ""));
    }

    [TestMethod]
    public void LongestCommonSubsequence_ShouldCountSharedOrderedCharacters_WhenStringsDiffer()
    {
        Assert.AreEqual(4, StringSimilarity.LongestCommonSubsequence("ABCBDAB", "BDCABA"));
    }

    [TestMethod]
    [DataRow("Robert", "R163")]
    [DataRow("Rupert", "R163")]
    [DataRow("Rubin", "R150")]
    [DataRow("Ashcraft", "A261")]
    [DataRow("Ashcroft", "A261")]
    [DataRow("Tymczak", "T522")]
    [DataRow("Pfister", "P236")]
    [DataRow("Honeyman", "H555")]
    [DataRow("Lee", "L000")]
    [DataRow("Smith", "S530")]
    [DataRow("Smyth", "S530")]
    public void SoundexEncode_ShouldGiveClassicCodes_WhenEncodingNames(string name, string expected)
    {
        Assert.AreEqual(expected, Soundex.Encode(name));
    }

    [TestMethod]
    public void SoundexEncode_ShouldReturnEmpty_WhenThereIsNoLetter()
    {
        Assert.AreEqual("", Soundex.Encode("123 -"));
    }
}
