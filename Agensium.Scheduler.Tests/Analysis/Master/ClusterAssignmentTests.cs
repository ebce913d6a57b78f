using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>Exact clusters on trimmed key cells.</summary>
[TestClass]
public sealed class ClusterAssignmentTests
{
    [TestMethod]
    public void Exact_ShouldGroupRowsWithEqualTrimmedKeys_WhenSeveralKeyColumns()
    {
        var table = MasterTable.FromRows(["id", "email", "name"],
        [
            ["1", "a@x.com", "Ann"],
            ["1 ", " a@x.com", "Bob"],   // same trimmed keys as row 0
            ["1", "b@x.com", "Ann"],     // differs in one key column
            ["", " ", "Cid"],            // all keys blank: a singleton
            ["", "", "Dan"],             // all keys blank: another singleton
            ["", "b@x.com", "Eve"],      // one blank key is part of the key
            [" ", "b@x.com ", "Fay"],    // same as row 5
        ]);

        var clusters = ClusterAssignment.Exact(table, [0, 1]);

        CollectionAssert.AreEqual(new[] { 0, 0, 1, 2, 3, 4, 4 }, clusters.ClusterOf);
        Assert.AreEqual(5, clusters.Count);
    }

    [TestMethod]
    public void Exact_ShouldKeepEveryRowAlone_WhenThereAreNoKeyColumns()
    {
        var table = MasterTable.FromRows(["a"], [["x"], ["x"]]);

        Assert.AreEqual(2, ClusterAssignment.Exact(table, []).Count);
    }
}
