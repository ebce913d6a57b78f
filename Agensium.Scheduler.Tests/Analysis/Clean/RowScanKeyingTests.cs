using System.Text;
using Agensium.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

/// <summary>
/// RowScan with a keyer on each side (<see cref="RowScan.CallerKeyer"/>): every row gets the keys of its own fields
/// whichever thread computed them, shared keying gives the caller the batches it would wait for and the parser those
/// it parses while the caller is behind, and a keyer's fault on the caller's side ends the pass as the caller's error.
/// </summary>
[TestClass]
public sealed class RowScanKeyingTests
{
    private const int Rows = 20_000; // about ten batches of 2,048 rows

    private CleanTestFiles _files = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void Init() => _files = new CleanTestFiles();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    [DataRow("Parser")]
    [DataRow("Caller")]
    [DataRow("Shared")]
    public void Rows_ShouldGiveEachRowTheKeysOfItsOwnFields_WhicheverThreadKeysIt(string side)
    {
        var keying = Enum.Parse<RowKeying>(side);
        var (parser, caller) = (new TextKeyer(), new TextKeyer());
        using var scan = Open(parser, caller, keying);
        int seen = 0;
        foreach (var (row, fields) in scan.Rows(TestContext.CancellationToken))
        {
            Assert.AreEqual(TextKeyer.KeyOf(fields), scan.CurrentKeys[0], $"row {row}");
            Assert.AreEqual(TextKeyer.KeyOf(fields) ^ 1, scan.CurrentKeys[1], $"row {row}");
            // The caller may change a row once it has it (a writer cleaning in place): its keys were taken before.
            fields[0] = "changed";
            seen++;
        }

        Assert.AreEqual(Rows, seen);
        Assert.AreEqual(Rows, parser.Keyed + caller.Keyed);
        if (keying == RowKeying.Parser)
        {
            Assert.AreEqual(0, caller.Keyed);
        }
        else if (keying == RowKeying.Caller)
        {
            Assert.AreEqual(0, parser.Keyed);
        }
    }

    [TestMethod]
    public void Rows_ShouldLetTheParserKeyTheBatchesItParsesWhileTheCallerIsBehind_AndTheCallerTheOthers()
    {
        var (parser, caller) = (new TextKeyer(), new TextKeyer());
        using var scan = Open(parser, caller, RowKeying.Shared);
        int seen = 0;
        foreach (var (row, fields) in scan.Rows(TestContext.CancellationToken))
        {
            Assert.AreEqual(TextKeyer.KeyOf(fields), scan.CurrentKeys[0], $"row {row}");
            if (++seen % 200 == 0)
            {
                Thread.Sleep(2); // a slow caller: the parser runs ahead and finds a batch waiting
            }
        }

        // The first batch is parsed while the caller waits for it: the caller keys it; later ones the parser.
        Assert.IsGreaterThan(0, caller.Keyed);
        Assert.IsGreaterThan(0, parser.Keyed);
        Assert.AreEqual(Rows, parser.Keyed + caller.Keyed);
    }

    [TestMethod]
    public void Rows_ShouldThrowTheCallerKeyersError_AfterTheRowsBeforeIt()
    {
        var caller = new TextKeyer { FailAt = 5_000 };
        using var scan = Open(new TextKeyer(), caller, RowKeying.Caller);
        int seen = 0;

        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var _ in scan.Rows(TestContext.CancellationToken))
            {
                seen++;
            }
        });

        Assert.AreEqual("keyer failed at row 5000", error.Message);
        Assert.AreEqual(5_000, seen);
    }

    [TestMethod]
    public void Rows_ShouldThrowOperationCanceled_WhenCancelledWhileTheCallerKeys()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        using var scan = Open(new TextKeyer(), new TextKeyer(), RowKeying.Caller);
        int seen = 0;

        Assert.ThrowsExactly<OperationCanceledException>(() =>
        {
            foreach (var _ in scan.Rows(cts.Token))
            {
                if (++seen == 7_000)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.IsLessThan(Rows, seen);
    }

    private RowScan Open(TextKeyer parser, TextKeyer caller, RowKeying keying)
    {
        var csv = new StringBuilder("id,name,city\n");
        for (int i = 0; i < Rows; i++)
        {
            csv.Append(i).Append(",name ").Append(i % 97).Append(",city ").Append(i % 13).Append('\n');
        }

        var scan = RowScan.Open(_files.AddText("rows.csv", csv.ToString()));
        scan.Keyer = parser;
        scan.CallerKeyer = caller;
        scan.Keying = keying;
        return scan;
    }

    // Two keys a row from its text, and how many rows this instance keyed; fails at row FailAt when set.
    private sealed class TextKeyer : IRowKeyer
    {
        public int Keyed;

        public int FailAt { get; init; } = -1;

        public int Width => 2;

        public static UInt128 KeyOf(string[] fields) => System.IO.Hashing.XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(string.Join('\u001f', fields)));

        public void Keys(string[] fields, Span<UInt128> keys)
        {
            if (int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture) == FailAt)
            {
                throw new InvalidOperationException($"keyer failed at row {FailAt}");
            }

            keys[0] = KeyOf(fields);
            keys[1] = keys[0] ^ 1;
            Keyed++;
        }
    }
}
