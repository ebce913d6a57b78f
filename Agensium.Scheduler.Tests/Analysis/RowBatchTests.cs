using Agensium.Analysis.Input;
using Agensium.Analysis.Profile;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// The profiler's row batches say which of their columns hold a character at or above U+0300 (where a text may not be
/// in Unicode form C), so that the columns without one skip the check of every cell.
/// </summary>
[TestClass]
public sealed class RowBatchTests
{
    [TestMethod]
    public void MayNeedComposing_ShouldFlagTheColumnsHoldingAMark_UntilTheBatchIsCleared()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rowbatch-{Guid.NewGuid():N}.csv");
        // name: e + combining acute (U+0301) in row 3; note: an em dash (U+2014, composed, but above U+0300) in row 2;
        // city: Latin-1 letters only (below U+0300: nothing to check); the short row 4 lacks its last fields.
        File.WriteAllText(path, "id,name,city,note\n1,Anna,Zürich,plain\n2,Olaf,Malmö,a \u2014 b\n3,Jose\u0301,Köln,x\n4,Eve\n5,Li,Oslo,y\n");
        try
        {
            using var reader = CsvTableReader.Open(path, "people.csv");
            var batch = new RowBatch(4, 8);
            for (int i = 0; i < 2 && reader.Read(); i++)
            {
                batch.Add(reader);
            }

            CollectionAssert.AreEqual(new[] { false, false, false, true }, Flags(batch), "rows 1–2: the note's dash");
            batch.Clear();
            for (int i = 0; i < 3 && reader.Read(); i++)
            {
                batch.Add(reader);
            }

            CollectionAssert.AreEqual(new[] { false, true, false, false }, Flags(batch), "rows 3–5, after Clear: the name's mark only");
            Assert.AreEqual("Jose\u0301", batch.Field(0, 1).ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static bool[] Flags(RowBatch batch) => [.. Enumerable.Range(0, 4).Select(batch.MayNeedComposing)];
}
