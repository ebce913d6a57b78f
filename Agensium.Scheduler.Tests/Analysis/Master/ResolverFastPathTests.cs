using Agensium.Analysis.Master;

namespace Agensium.Scheduler.Tests.Analysis.Master;

/// <summary>
/// The entity resolver's shortcuts against what they stand for, on random tables full of shared, blank and alike values
/// (model tests): each shortcut must give the answer of the slow definition it replaces, pair by pair.
/// </summary>
[TestClass]
public sealed class ResolverFastPathTests
{
    private static readonly MatchField[] Fields =
    [
        new(0, "first_name", MatchFieldKind.FirstName, 25),
        new(1, "last_name", MatchFieldKind.LastName, 35),
        new(2, "email", MatchFieldKind.Email, 40),
        new(3, "phone", MatchFieldKind.Phone, 30),
        new(4, "date_of_birth", MatchFieldKind.BirthDate, 30),
        new(5, "city", MatchFieldKind.City, 10),
    ];

    private static readonly string[] FirstNames = ["Jose", "José", "Maria", "Mario", "Daniel", "Danielle", "Dan", "Li", "Lee", "Ann", "Anna", ""];
    private static readonly string[] LastNames = ["Garcia", "Garcìa", "Smith", "Smyth", "Berg", "Chen", ""];
    private static readonly string[] Mailboxes = ["jose.garcia@example.com", "josegarcia@gmail.com", "jose.garcia7@gmail.com", "m.smith@x.org",
        "msmith@x.org", "m-smith@x.org", "dan.berg@yahoo.com", "danielle.berg@yahoo.com", "lichen@163.com", "li.chen@126.com", "info@berg.se"];
    private static readonly string[] Accounts = ["maria_thompson837@hotmail.com", "mariathompson5851@gmail.com", "maria.thompson12@gmail.com",
        "maria.thompson99@gmail.com", "mariathompson@gmail.com", "jsmith1@gmail.com", "jsmith7@yahoo.com", "jsmith@yahoo.com", "li.wei@163.com",
        "li.wei@126.com", "karl.strauss.73@yahoo.de", "karlstrauss993@googlemail.com", "2035879909@qq.com", "2035879909@gmail.com",
        "no-at.example.com", "12@x.org", "1@x.org"];
    private static readonly string[] Phones = ["5552013344", "555-201-3345", "(555) 201 3344", "0711 123450", "+49 711 123450", "5557771212"];
    private static readonly string[] Dates = ["1980-01-02", "01/02/1980", "1979-12-31", "2001-07-04"];
    private static readonly string[] Cities = ["Rome", "Roma", "Berlin", "Boston", ""];

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void SolePartner_ShouldBeTheOtherRowOfAMailboxHeldByTwoRows(int seed)
    {
        var (_, p) = RandomTable(seed, 300);

        for (int a = 0; a < p.RowCount; a++)
        {
            for (int b = 0; b < p.RowCount; b++)
            {
                int id = p.MailboxId(a, 2);
                bool slow = id != 0 && p.MailboxId(b, 2) == id && p.MailboxCount(2, id) == 2;
                int partner = p.SolePartner(a, 2);
                Assert.AreEqual(slow, partner == b || (a == b && partner >= 0), $"rows {a}, {b}");
            }
        }

        Assert.AreEqual(-1, p.SolePartner(0, 0), "no e-mail field");
    }

    [TestMethod]
    [DataRow(4)]
    [DataRow(5)]
    public void CompareValues_ShouldOrderAsOrdinalComparisonOfTheValues(int seed)
    {
        var (_, p) = RandomTable(seed, 200);

        for (int f = 0; f < Fields.Length; f++)
        {
            for (int x = 0; x < p.RowCount; x++)
            {
                for (int y = 0; y < p.RowCount; y++)
                {
                    Assert.AreEqual(Math.Sign(string.CompareOrdinal(p.Value(x, f), p.Value(y, f))), Math.Sign(p.CompareValues(x, y, f)), $"field {f}, rows {x}, {y}");
                }
            }
        }
    }

    [TestMethod]
    [DataRow(18, 6)]
    [DataRow(19, 2)]
    [DataRow(20, 1)]
    public void SortedByValues_ShouldOrderRowsByTheirValuesFieldByField_ThenByRow(int seed, int fields)
    {
        var (_, p) = RandomTable(seed, 400);
        int[] shuffled = [.. Enumerable.Range(0, p.RowCount)];
        new Random(seed).Shuffle(shuffled);
        var members = new ArraySegment<int>(shuffled);

        int[] sorted = EntityResolver.SortedByValues(members, p, fields);

        var expected = Enumerable.Range(0, p.RowCount).ToArray();
        Array.Sort(expected, (x, y) =>
        {
            for (int f = 0; f < fields; f++)
            {
                int c = string.CompareOrdinal(p.Value(x, f), p.Value(y, f));
                if (c != 0)
                {
                    return c;
                }
            }

            return x.CompareTo(y);
        });
        CollectionAssert.AreEqual(expected, sorted);
        Assert.AreEqual(Fields.Length, p.LeadingRankedFields, "every field of the small table ranked, side by side");
    }

    [TestMethod]
    [DataRow(6)]
    [DataRow(7)]
    [DataRow(8)]
    public void ReachesScore_ShouldHoldExactlyWhenTheScoreReachesTheThreshold(int seed)
    {
        var (matcher, p) = RandomTable(seed, 400);
        var random = new Random(seed);
        int reached = 0, soleMailboxes = 0;

        for (int a = 0; a < p.RowCount; a++)
        {
            for (int b = a + 1; b < p.RowCount; b++)
            {
                double threshold = 40 + (random.NextDouble() * 60);
                double score = matcher.Score(p, a, b);
                bool reaches = matcher.ReachesScore(p, a, b, threshold);
                Assert.AreEqual(score >= threshold, reaches, $"rows {a}, {b}: score {score}, threshold {threshold}");
                reached += reaches ? 1 : 0;
                soleMailboxes += matcher.SoleMailbox(p, a, b) ? 1 : 0;
            }
        }

        Assert.IsTrue(reached > 100 && soleMailboxes >= 5, $"the random table gives pairs of every kind: {reached} reached, {soleMailboxes} at a sole mailbox");
    }

    [TestMethod]
    [DataRow(11)]
    [DataRow(12)]
    public void EmailsSayNothing_ShouldBeItsRules_AndSimilarityTheRatioOtherwise(int seed)
    {
        var random = new Random(seed);
        var rows = new List<string[]>();
        for (int row = 0; row < 120; row++)
        {
            rows.Add([FirstNames[random.Next(3)], LastNames[random.Next(2)], Accounts[random.Next(Accounts.Length)], Phones[random.Next(2)], "", ""]);
        }

        var matcher = new RecordMatcher(Fields);
        var p = matcher.Prepare(MasterTable.FromRows([.. Fields.Select(f => f.Name)], rows), CancellationToken.None);
        int sayNothing = 0, compared = 0;
        for (int a = 0; a < p.RowCount; a++)
        {
            for (int b = 0; b < p.RowCount; b++)
            {
                string x = p.Value(a, 2), y = p.Value(b, 2), codeA = p.Code(a, 2), codeB = p.Code(b, 2);
                bool slow = x.Length > 0 && y.Length > 0 && x != y
                    && ((RecordMatcher.DifferOnlyInDigits(x, y) && !RecordMatcher.OtherProviders(codeA, codeB)) || RecordMatcher.OtherNumberAtOneProvider(codeA, codeB)
                        || (RecordMatcher.NumberedAtTwoProviders(codeA, codeB) && matcher.CommonName(p, a, b) && !matcher.SamePhone(p, a, b)));
                Assert.AreEqual(slow, matcher.EmailsSayNothing(p, a, b, 2), $"{rows[a][2]} / {rows[b][2]}");
                if (p.Id(a, 2) != p.Id(b, 2))
                {
                    compared++;
                    Assert.AreEqual(slow ? RecordMatcher.BlankSimilarity : RecordMatcher.FieldSimilarity(MatchFieldKind.Email, x, y, codeA, codeB), matcher.Similarity(p, a, b, 2), $"{rows[a][2]} / {rows[b][2]}");
                }

                sayNothing += slow ? 1 : 0;
            }
        }

        Assert.IsTrue(sayNothing > 100 && compared - sayNothing > 100, $"pairs of both kinds: {sayNothing} of {compared} say nothing");
    }

    [TestMethod]
    [DataRow(13, "ab")]
    [DataRow(14, "abcdé.@1")]
    [DataRow(15, "aeiouxyzß中@. 0123456789")]
    public void LongestCommonSubsequence_ShouldBeTheTablesLength(int seed, string alphabet)
    {
        var random = new Random(seed);
        string Text(int length) => new([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
        int[] lengths = [0, 1, 2, 7, 20, 63, 64, 65, 80];
        for (int round = 0; round < 2000; round++)
        {
            string a = Text(round < 81 ? lengths[round / 9] : random.Next(0, 81)), b = Text(round < 81 ? lengths[round % 9] : random.Next(0, 81));
            Assert.AreEqual(StringSimilarity.LongestCommonSubsequenceTable(a, b), StringSimilarity.LongestCommonSubsequence(a, b), $"'{a}' / '{b}'");
        }
    }

    [TestMethod]
    [DataRow(9, 3)]
    [DataRow(10, 40)]
    public void MetEarlier_ShouldSayWhetherTheRowsShareASmallerKeyOfASmallBlock(int seed, int keysPerRow)
    {
        var random = new Random(seed);
        const int rows = 400;
        var keys = new List<ulong>[rows];
        for (int row = 0; row < rows; row++)
        {
            // Few key values: blocks of every size, from single rows to most of the table.
            keys[row] = [.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => (ulong)random.Next(0, keysPerRow))];
        }

        var index = BlockIndex.Build(rows, 4, (row, hashes, at) =>
        {
            keys[row].CopyTo(hashes, at);
            return keys[row].Count;
        }, CancellationToken.None);
        int Size(ulong key) => keys.Sum(k => k.Count(h => h == key));

        foreach (int size in new[] { 1, 5, 20, 100 })
        {
            foreach (var (start, length) in index.Blocks)
            {
                ulong hash = index.HashAt(start);
                for (int i = start; i < start + length; i++)
                {
                    for (int j = i + 1; j < start + length; j++)
                    {
                        int a = index.Rows[i], b = index.Rows[j];
                        bool slow = keys[a].Any(k => k < hash && keys[b].Contains(k) && Size(k) <= size);
                        Assert.AreEqual(slow, index.MetEarlier(a, b, hash, size), $"rows {a}, {b}, key {hash}, size {size}");
                    }
                }
            }
        }
    }

    [TestMethod]
    [DataRow(16)]
    [DataRow(17)]
    public void Build_ShouldGroupTheRowsOfEachKey_InKeyOrder(int seed)
    {
        var random = new Random(seed);
        const int rows = 50_000; // several partitions of rows written at once
        // Keys on both sides of 2^63 (the two halves sorted apart), some shared by many rows, some by none.
        var keys = new List<ulong>[rows];
        for (int row = 0; row < rows; row++)
        {
            keys[row] = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => (ulong)random.Next(0, 20_000) * 0x9E3779B97F4A7C15UL)];
        }

        var index = BlockIndex.Build(rows, 3, (row, hashes, at) =>
        {
            keys[row].CopyTo(hashes, at);
            return keys[row].Count;
        }, CancellationToken.None);

        var expected = keys.SelectMany((k, row) => k.Select(h => (Hash: h, Row: row))).GroupBy(x => x.Hash).Where(g => g.Count() > 1)
            .OrderBy(g => g.Key).Select(g => (g.Key, Rows: string.Join(",", g.Select(x => x.Row).Order()))).ToList();
        var actual = index.Blocks.Select(b => (index.HashAt(b.Start), Rows: string.Join(",", index.Rows.Skip(b.Start).Take(b.Length)))).ToList();
        CollectionAssert.AreEqual(expected, actual);
        Assert.AreEqual(keys.SelectMany(k => k).Distinct().Count(), index.KeyCount);
    }

    [TestMethod]
    public void MetEarlier_ShouldCountABlockLargerThanAnUnsignedShort()
    {
        const int rows = ushort.MaxValue + 10;
        // Every row holds key 1; rows 0 and 1 also share key 2, rows 2 and 3 key 0 (a block of two).
        var index = BlockIndex.Build(rows, 2, (row, hashes, at) =>
        {
            hashes[at] = 1;
            if (row < 4)
            {
                hashes[at + 1] = row < 2 ? 2UL : 0UL;
                return 2;
            }

            return 1;
        }, CancellationToken.None);

        Assert.IsTrue(index.MetEarlier(4, 5, 2, rows), "key 1's block of every row is at most the table");
        Assert.IsFalse(index.MetEarlier(4, 5, 2, rows - 1), "… and larger than one row fewer");
        Assert.IsFalse(index.MetEarlier(4, 5, 2, ushort.MaxValue), "… and larger than an unsigned short");
        Assert.IsTrue(index.MetEarlier(2, 3, 1, 2));
        Assert.IsFalse(index.MetEarlier(0, 1, 1, rows), "rows 0 and 1 share no key smaller than 1");
    }

    // A random table of the fields' columns, with blanks, one mailbox written several ways and held by one, two or more rows.
    private static (RecordMatcher Matcher, PreparedFields Prepared) RandomTable(int seed, int rowCount)
    {
        var random = new Random(seed);
        string Pick(string[] values) => values[random.Next(values.Length)];
        string Email()
        {
            if (random.Next(4) == 0)
            {
                return "";
            }

            // A mailbox of its own now and then (held by this row alone, or by it and a copy below).
            string mailbox = random.Next(3) == 0 ? $"user{random.Next(rowCount / 3)}@mail.net" : Pick(Mailboxes);
            return random.Next(3) switch
            {
                0 => mailbox.ToUpperInvariant(),
                1 => mailbox.Replace("@", "+tag@", StringComparison.Ordinal),
                _ => mailbox,
            };
        }

        string Blankable(string[] values) => random.Next(3) == 0 ? "" : Pick(values);
        var rows = new List<string[]>();
        for (int row = 0; row < rowCount; row++)
        {
            // Now and then a row giving only an e-mail (the record of a row giving that e-mail and a name).
            rows.Add(random.Next(5) == 0 ? ["", "", Email(), "", "", ""] : [Pick(FirstNames), Pick(LastNames), Email(), Blankable(Phones), Blankable(Dates), Pick(Cities)]);
        }

        var matcher = new RecordMatcher(Fields);
        return (matcher, matcher.Prepare(MasterTable.FromRows([.. Fields.Select(f => f.Name)], rows), CancellationToken.None));
    }
}
