using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>Dictionary-encoded columns of the master table.</summary>
[TestClass]
public sealed class MasterColumnTests
{
    [TestMethod]
    public void Numbered_ShouldFormatEachRowsNumber_WhenRead()
    {
        var column = MasterColumn.Numbered("cluster_", 3);

        Assert.AreEqual(3, column.Count);
        CollectionAssert.AreEqual(new[] { "cluster_0", "cluster_1", "cluster_2" }, Enumerable.Range(0, 3).Select(r => column[r]).ToArray());
        var picked = column.Select([2, 0]);
        CollectionAssert.AreEqual(new[] { "cluster_2", "cluster_0" }, new[] { picked[0], picked[1] });
    }

    [TestMethod]
    public void MapValues_ShouldKeepTheColumn_WhenNumberedValuesDoNotChange()
    {
        var column = MasterColumn.Numbered("c", 2);

        Assert.AreSame(column, column.MapValues(v => v));
        Assert.AreEqual("C1", column.MapValues(v => v.ToUpperInvariant())[1]);
    }
}
