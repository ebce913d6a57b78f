using Agensium.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

/// <summary>
/// DuplicateScan keeps the forms (raw text, numbers as written) of each normalised row's first row in its group and only
/// those of later rows apart (<see cref="LaterForms"/>): its counts are checked against a model that keeps a set of
/// every row's forms, as the scan did before, on random rows built to repeat in every way.
/// </summary>
[TestClass]
public sealed class DuplicateScanTests
{
    private static readonly string[] Names = ["Ann", "ann", " ann ", "ANN", "Bob", "bob", "", "N/A", "n/a"];
    private static readonly string[] Prices = ["1.5", "1.50", "2", "2.0", "", "3"];
    private static readonly string[] Emails = ["a@x.com", "A@x.com", "a@X.com ", "b@x.com", "", "N/A"];

    [TestMethod]
    [DataRow(false, 1)]
    [DataRow(false, 2)]
    [DataRow(true, 3)]
    [DataRow(true, 4)]
    public void See_ShouldCountAsASetOfEveryRowsFormsDoes(bool keyed, int seed)
    {
        var random = new Random(seed);
        string[] columns = ["name", "price", "email"];
        bool[] byValue = [false, true, false];
        int[] keyColumns = keyed ? [0] : [0, 1, 2];
        var scan = new DuplicateScan(columns, keyColumns, 3000, NumberKeys.Plain(byValue));
        var model = new Model(keyed);
        var keyer = scan.Keyer();
        var keys = new UInt128[keyer.Width];
        for (int row = 0; row < 3000; row++)
        {
            string[] fields = [Names[random.Next(Names.Length)], Prices[random.Next(Prices.Length)], Emails[random.Next(Emails.Length)]];
            keyer.Keys(fields, keys);
            Assert.AreEqual(model.See(row, keys), scan.See(row, keys), $"row {row}");
        }

        Assert.AreEqual(model.Exact, scan.ExactDuplicates);
        Assert.AreEqual(model.Case, scan.CaseVariations);
        Assert.AreEqual(model.NumberFormat, scan.NumberFormatVariations);
        Assert.AreEqual(model.Conflicting, scan.ConflictingRows);
        Assert.AreEqual(model.Emails, scan.EmailCaseVariants["email"]);
        Assert.AreEqual(model.Groups.Count, scan.Groups.Count);
        Assert.IsTrue(scan.CaseVariations > 0 && scan.NumberFormatVariations > 0 && scan.ExactDuplicates > 0, "the rows repeat in every way");
        foreach (var (key, (first, count)) in model.Groups)
        {
            Assert.AreEqual((first, count), (scan.Groups[key].First, scan.Groups[key].Count));
        }
    }

    [TestMethod]
    public void LaterForms_ShouldSayAFormIsNew_OnlyWhenNeitherTheFirstNorAnEarlierLaterRowHadIt()
    {
        var forms = new LaterForms();
        var first = new RowForms(1, 10);

        Assert.AreEqual((false, false), forms.See(first, new RowForms(1, 10)));
        Assert.AreEqual((true, false), forms.See(first, new RowForms(2, 10)));
        Assert.AreEqual((false, false), forms.See(first, new RowForms(2, 10)));
        Assert.AreEqual((true, true), forms.See(first, new RowForms(3, 11)));
        Assert.AreEqual((false, false), forms.See(first, new RowForms(3, 11)));
        Assert.AreEqual((false, false), forms.See(first, new RowForms(1, 10)));
    }

    [TestMethod]
    public void See_ShouldCountEmailVariants_WhenTheTablesAreSizedPastTheFirstRows()
    {
        // Past 16,384 rows the e-mail table is sized for the file: the variants after that are counted all the same.
        var scan = new DuplicateScan(["email"], [0], 40_000);
        var keyer = scan.Keyer();
        var keys = new UInt128[keyer.Width];
        for (int row = 0; row < 40_000; row++)
        {
            keyer.Keys([row % 2 == 0 ? $"u{row / 2}@x.com" : $"U{row / 2}@x.com"], keys);
            scan.See(row, keys);
        }

        Assert.AreEqual(20_000L, scan.EmailCaseVariants["email"]);
        Assert.AreEqual(20_000L, scan.CaseVariations);
    }

    [TestMethod]
    public void OfLowerText_ShouldSayTheTextWasLower_OnlyWhenItsKeyAsWrittenIsTheSame()
    {
        var rowKey = new RowKey();

        var lower = rowKey.OfLowerText("a@x.com", out bool wasLower);
        Assert.IsTrue(wasLower);
        Assert.AreEqual(rowKey.OfText("a@x.com", lower: false), lower);

        var mixed = rowKey.OfLowerText("A@x.com", out bool mixedWasLower);
        Assert.IsFalse(mixedWasLower);
        Assert.AreEqual(lower, mixed);
        Assert.AreNotEqual(rowKey.OfText("A@x.com", lower: false), mixed);
    }

    // The scan as it was: a set of every row's raw text, of every normalised row, of every row's numbers as written.
    private sealed class Model(bool keyed)
    {
        private readonly HashSet<UInt128> _exact = [];
        private readonly HashSet<UInt128> _normalized = [];
        private readonly HashSet<UInt128> _asWritten = [];
        private readonly Dictionary<UInt128, UInt128> _fullByKey = [];
        private readonly Dictionary<UInt128, UInt128> _emails = [];

        public Dictionary<UInt128, (int First, int Count)> Groups { get; } = [];

        public long Exact { get; private set; }

        public long Case { get; private set; }

        public long NumberFormat { get; private set; }

        public long Conflicting { get; private set; }

        public long Emails { get; private set; }

        public int See(int row, UInt128[] keys)
        {
            var (exact, full, key) = (keys[0], keys[1], keys[2]);
            bool newExact = _exact.Add(exact);
            bool known = Groups.TryGetValue(key, out var group);
            bool newNormalized = keyed ? _normalized.Add(full) : !known;
            bool newAsWritten = _asWritten.Add(full ^ keys[3]);
            Exact += newExact ? 0 : 1;
            bool variation = newExact && !newNormalized;
            Case += variation && !newAsWritten ? 1 : 0;
            NumberFormat += variation && newAsWritten ? 1 : 0;
            if (keys[4] != 0 && !_emails.TryAdd(keys[5], keys[6]) && _emails[keys[5]] != keys[6])
            {
                Emails++;
            }

            if (known)
            {
                Groups[key] = (group.First, group.Count + 1);
                Conflicting += keyed && _fullByKey[key] != full ? 1 : 0;
                return group.First;
            }

            Groups[key] = (row, 1);
            _fullByKey[key] = full;
            return row;
        }
    }
}
