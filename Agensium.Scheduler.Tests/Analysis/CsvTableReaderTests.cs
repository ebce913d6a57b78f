using System.Text;
using Agensium.Analysis;
using Agensium.Analysis.Input;

namespace Agensium.Scheduler.Tests.Analysis;

[TestClass]
public sealed class CsvTableReaderTests
{
    private AnalysisTestSupport _files = null!;

    [TestInitialize]
    public void Init() => _files = new AnalysisTestSupport();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public void Open_ShouldDetectSemicolon_WhenHeaderUsesSemicolons()
    {
        using var reader = Open("a;b;c\n1;2,5;3\n");

        Assert.AreEqual(';', reader.Delimiter);
        CollectionAssert.AreEqual(new[] { "a", "b", "c" }, reader.Columns.ToArray());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("2,5", reader.GetField(1).ToString());
    }

    [TestMethod]
    [DataRow("wert\n1,5\n2,75\n3,25\n", new[] { "1,5", "2,75", "3,25" }, DisplayName = "decimal commas")]
    [DataRow("address\n12, Main St\n7; High Rd\nnone\n", new[] { "12, Main St", "7; High Rd", "none" }, DisplayName = "commas and a semicolon")]
    [DataRow("name\nSmith, Alice\nJones, Bob\nLee, Ann\n", new[] { "Smith, Alice", "Jones, Bob", "Lee, Ann" }, DisplayName = "names written last, first")]
    public void Open_ShouldReadOneColumn_WhenTheHeaderIsOneNameAndTheRowsHoldACandidateDelimiter(string csv, string[] values)
    {
        // The header said one column; its rows were split at the comma, and clean-my-data set every row aside as extra fields.
        using var reader = Open(csv);

        CollectionAssert.AreEqual(new[] { csv[..csv.IndexOf('\n')] }, reader.Columns.ToArray());
        var read = new List<string>();
        while (reader.Read())
        {
            Assert.AreEqual(1, reader.RowFieldCount);
            read.Add(reader.GetField(0).ToString());
        }

        CollectionAssert.AreEqual(values, read);
    }

    [TestMethod]
    [DataRow("Customers\nid,name,email\n1,Ann,a@x.io\n2,Bob,b@x.io\n", ',', DisplayName = "commas")]
    [DataRow("Report\nid;name;amount\n1;anna;5\n2;bob;7\n3;cy;9\n", ';', DisplayName = "semicolons")]
    [DataRow("Report\nid|name|amount\n1|anna|5\n2|bob|7\n", '|', DisplayName = "pipes")]
    public void Open_ShouldSkipAOneWordTitle_WhenATableOfFiguresIsBelowIt(string csv, char delimiter)
    {
        // "Customers" above a table was read as a one-column header: its rows split into extra fields (commas) or read
        // whole as one column without a word (';', '|'). A single word is a title when the rows below hold numbers.
        using var reader = Open(csv);

        Assert.AreEqual(delimiter, reader.Delimiter);
        Assert.AreEqual("id", reader.Columns[0]);
        Assert.HasCount(1, reader.TitleLines);
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("1", reader.GetField(0).ToString());
    }

    [TestMethod]
    [DataRow("Umsatzliste\n\nKunde;Ort;Umsatz\nMüller;Köln;1.234,50\nSchmidt;Bonn;987,00\nWeber;Essen;12,30\n", DisplayName = "a title, a blank line")]
    [DataRow("Umsatzliste\nStand: 01.05.2024\n\nKunde;Ort;Umsatz\nMüller;Köln;1.234,50\nSchmidt;Bonn;-987,00\nWeber;Essen;12,30\n", DisplayName = "a title and a dated note")]
    public void Open_ShouldSkipAOneWordTitle_WhenTheFiguresBelowAreWrittenWithADecimalComma(string text)
    {
        // The rows' figures ("987,00") were no numbers to the title check, so a German export's one-word title above its
        // table was taken for a one-column header and the table read as one column.
        using var reader = Open(text);

        Assert.AreEqual(';', reader.Delimiter);
        CollectionAssert.AreEqual(new[] { "Kunde", "Ort", "Umsatz" }, reader.Columns.ToArray());
        Assert.AreEqual("Umsatzliste", reader.TitleLines[0]);
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("1.234,50", reader.GetField(2).ToString());
    }

    [TestMethod]
    [DataRow("Kunde;Betrag (EUR, netto, inkl. Gebühren)\nMüller;12,50\nSchmidt;7,25\nWeber;3,00\n", 0, DisplayName = "commas in a header name")]
    [DataRow("Umsatzbericht 2024\n\nKunde;Betrag (EUR, netto, inkl. Gebühren)\nMüller;12,50\nSchmidt;7,25\nWeber;3,00\n", 1, DisplayName = "the same under a title")]
    public void Open_ShouldTakeTheDelimiterTheRowsFollow_WhenTheHeaderHoldsAnotherOneMoreOften(string text, int titles)
    {
        // The header alone chose ',' (two commas, one ';'): three columns, every row ragged, 12,50 split at its decimal comma.
        using var reader = Open(text);

        Assert.AreEqual(';', reader.Delimiter);
        CollectionAssert.AreEqual(new[] { "Kunde", "Betrag (EUR, netto, inkl. Gebühren)" }, reader.Columns.ToArray());
        Assert.HasCount(titles, reader.TitleLines);
        var amounts = new List<string>();
        while (reader.Read())
        {
            Assert.AreEqual(2, reader.RowFieldCount);
            amounts.Add(reader.GetField(1).ToString());
        }

        CollectionAssert.AreEqual(new[] { "12,50", "7,25", "3,00" }, amounts);
        Assert.AreEqual(0, reader.ShortRows + reader.LongRows);
    }

    [TestMethod]
    [DataRow("a,b,c;d\n1,2\n3;4\n5,6,7,8\n", ',', DisplayName = "rows that follow neither: the header's delimiter")]
    [DataRow("a,b,c\n1,2\n1,2,3,4\n1,2,3\n", ',', DisplayName = "ragged rows, no other delimiter in the header")]
    [DataRow("a;b,c;d\n1;2,5;3\n4;5,5;6\n", ';', DisplayName = "the header's most frequent, which the rows follow")]
    [DataRow("a,b;c,d;e\nx,y;z,w;v\nu,t;s,r;q\n", ',', DisplayName = "a tie the rows follow both ways, neither written with a space, no numbers: the first")]
    [DataRow("name;x,amount\nAnn;a,12.5\nBob;b,7.25\nCy;c,3.5\n", ',', DisplayName = "a tie whose rows hold numbers only when split at commas")]
    public void Open_ShouldKeepTheHeadersDelimiter_WhenNoOtherOneGivesACountTheRowsFollow(string text, char delimiter)
    {
        using var reader = Open(text);

        Assert.AreEqual(delimiter, reader.Delimiter);
    }

    [TestMethod]
    [DataRow("name, first;city, state;zip\nSmith, John;Boston, MA;02110\nDoe, Jane;Austin, TX;73301\nLee, Ann;Reno, NV;89501\n", DisplayName = "both give three fields; the commas are written ', '")]
    [DataRow("name, first;city, state;zip\nSmith, John;Boston, MA;02110\nAcme;Paris;75001\nDoe, Jane;Austin, TX;73301\n", DisplayName = "only the semicolons give every row three fields")]
    public void Open_ShouldTakeTheSemicolon_WhenTheHeaderHoldsAsManyCommasInItsNames(string text)
    {
        // Two commas and two semicolons in the header: the tie went to ',', which cut "name, first;city" apart.
        using var reader = Open(text);

        Assert.AreEqual(';', reader.Delimiter);
        CollectionAssert.AreEqual(new[] { "name, first", "city, state", "zip" }, reader.Columns.ToArray());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("Boston, MA", reader.GetField(1).ToString());
        Assert.AreEqual(0, reader.ShortRows + reader.LongRows);
    }

    [TestMethod]
    [DataRow("Name, Vorname;Betrag (EUR, netto);Datum\nMüller, Hans;12,50;01.02.2024\nSchmidt, Eva;7,25;02.02.2024\nWeber, Jan;100,00;03.02.2024\n",
        "Name, Vorname|Betrag (EUR, netto)|Datum", "12,50", DisplayName = "decimal commas in the rows (a review: every comma of the rows had to be spaced too)")]
    [DataRow("Kunde;Betrag (EUR, netto)\nMüller;12,50\nSchmidt;7,25\nWeber;100,00\n", "Kunde|Betrag (EUR, netto)", "12,50", DisplayName = "README's example")]
    public void Open_ShouldTakeTheSemicolon_WhenTheHeaderWritesItsCommasWithASpace_AndTheRowsHoldDecimalCommas(string text, string columns, string amount)
    {
        using var reader = Open(text);

        Assert.AreEqual(';', reader.Delimiter);
        CollectionAssert.AreEqual(columns.Split('|'), reader.Columns.ToArray());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual(amount, reader.GetField(1).ToString());
    }

    [TestMethod]
    [DataRow("Kunde;Umsatz,netto\nMüller;12,50\nSchmidt;7,25\nWeber;100,00\n", "Kunde|Umsatz,netto", "12,50", DisplayName = "decimal commas")]
    [DataRow("id;preis,eur\n1;12,50\n2;7,25\n3;1.234,00\n", "id|preis,eur", "12,50", DisplayName = "ids, decimal commas and thousands groups")]
    [DataRow("Umsatz 2024\n\nKunde;Umsatz,netto\nMüller;12,50\nSchmidt;7,25\nWeber;100,00\n", "Kunde|Umsatz,netto", "12,50", DisplayName = "the same under a title")]
    public void Open_ShouldTakeTheSemicolon_WhenTheHeaderHoldsAsManyBareCommas_AndOnlyTheSemicolonsLeaveTheNumbersWhole(string text, string columns, string amount)
    {
        // A tie of one ';' and one ',' in the header, neither written with a space, rows following both: ',' (the first
        // candidate) was taken, cutting "Müller;12,50" into "Müller;12" and "50".
        using var reader = Open(text);

        Assert.AreEqual(';', reader.Delimiter);
        CollectionAssert.AreEqual(columns.Split('|'), reader.Columns.ToArray());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual(amount, reader.GetField(1).ToString());
        Assert.AreEqual(0, reader.ShortRows + reader.LongRows);
    }

    [TestMethod]
    [DataRow("Summary\nproduct,status\nWidget,ok\nGadget,fail\nGizmo,ok\n", "product|status", DisplayName = "commas")]
    [DataRow("Contacts\nfirst\tlast\tcity\nAnn\tLee\tParis\nBob\tRay\tRome\nCy\tWu\tParis\n", "first|last|city", DisplayName = "tabs, a city repeated in its column")]
    [DataRow("Bericht\nkunde;status\nAnna;ok\nBert;offen\nCora;ok\n", "kunde|status", DisplayName = "semicolons, a value repeated in its column")]
    [DataRow("Summary\nproduct;status\nWidget;ok\nGadget;fail\nGizmo;done\n", "product|status", DisplayName = "semicolons, no value repeated, names written unlike the values (an alert said the rows split)")]
    [DataRow("Airports\ncode,city\nCDG,Paris\nFCO,Rome\nOSL,Oslo\n", "code|city", DisplayName = "commas, no value repeated, codes in capitals")]
    [DataRow("Contacts\nfirst\tlast\tcity\nAnn\tLee\tParis\nBob\tRay\tRome\nCy\tWu\tOslo\n", "first|last|city", DisplayName = "tabs, no value repeated")]
    public void Open_ShouldSkipAOneWordTitle_WhenTheLineBelowNamesTheColumnsOfAWordTable(string text, string columns)
    {
        // Read as one column named after the title (an alert said the rows split): no number below proved it a title.
        using var reader = Open(text);

        CollectionAssert.AreEqual(columns.Split('|'), reader.Columns.ToArray());
        Assert.HasCount(1, reader.TitleLines);
        Assert.AreEqual(text[..text.IndexOf('\n')], reader.TitleLines[0]);
        Assert.IsNull(reader.UnsplitRows);
        int rows = 0;
        while (reader.Read())
        {
            Assert.AreEqual(columns.Split('|').Length, reader.RowFieldCount);
            rows++;
        }

        Assert.AreEqual(3, rows);
    }

    [TestMethod]
    [DataRow("Report\nname,city,amount\nann,paris,10\nbob,rome,20,,note: check this\ncy,oslo,30\ndi,nice,40\n", DisplayName = "a note right of one row")]
    [DataRow("Sales report Q1 2024\nname,city,amount\nann,paris,10\nbob,rome,20\ncy,oslo,30\nTotal,,60,,checked\n", DisplayName = "a total row with a remark")]
    public void Open_ShouldSkipTheTitle_WhenOneRowBelowTheHeaderIsWider(string text)
    {
        // One wider row of four (25 %) failed the 80 % the rows must agree on: the title became the one column's name and
        // every row one value.
        using var reader = Open(text);

        CollectionAssert.AreEqual(new[] { "name", "city", "amount" }, reader.Columns.ToArray());
        CollectionAssert.AreEqual(new[] { text[..text.IndexOf('\n')] }, reader.TitleLines.ToArray());
        int rows = 0;
        while (reader.Read())
        {
            rows++;
        }

        Assert.AreEqual(4, rows);
        Assert.AreEqual(1, reader.LongRows, "the wider row's extra field is counted, not read as a column");
    }

    [TestMethod]
    [DataRow("Report\nname,city,amount\nann,paris,10\nbob,rome,20,,note: check this\ncy,oslo,30\ndi,nice,40,,note: call back\n", 4, 2, DisplayName = "notes right of two rows of four")]
    [DataRow("Sales report Q1 2024\n\nGenerated on 2024-04-02\nname,city,amount\nann,paris,10\nbob,rome,20\nAcme, Inc,lyon,40\ncy,oslo,30\nTotal,,100,,checked\n", 5, 2,
        DisplayName = "a title, a blank line, a generated-on line; an unquoted comma in a name and a total row with a remark")]
    [DataRow("Kundenliste März 2024\nid;name;city\n1;Ann;Paris;VIP\n2;Bob;Rome\n3;Cy;Oslo;late payer\n4;Dee;Nice\n5;Eve;Lyon\n", 5, 2, DisplayName = "semicolons, remarks beside two rows")]
    public void Open_ShouldSkipTheTitle_WhenTwoOrMoreRowsBelowTheHeaderAreWider_AndTheOthersFollowIt(string text, int rows, int wider)
    {
        // At least half the rows repeat the header's field count and every other one is wider (notes, a total's remark,
        // an unquoted comma in a name): the rows agreed only when at most one was wider, so the title became the one
        // column's name and every row one value.
        using var reader = Open(text);

        Assert.AreEqual(3, reader.Columns.Count, string.Join("|", reader.Columns));
        Assert.AreEqual(text[..text.IndexOf('\n')], reader.TitleLines[0]);
        int read = 0;
        while (reader.Read())
        {
            read++;
        }

        Assert.AreEqual(rows, read);
        Assert.AreEqual(wider, reader.LongRows, "the wider rows' extra fields are counted, not read as columns");
        Assert.AreEqual(0, reader.ShortRows);
    }

    [TestMethod]
    [DataRow("Report\nname,city,amount\nann,paris,10,a\nbob,rome,20,b\ncy,oslo,30,c\ndi,nice,40\n", DisplayName = "most rows wider: the line is no header of theirs")]
    public void Open_ShouldKeepTheFirstLineAsHeader_WhenMostRowsBelowTheLineAreWider(string text)
    {
        using var reader = Open(text);

        Assert.HasCount(1, reader.Columns);
        Assert.IsEmpty(reader.TitleLines);
    }

    [TestMethod]
    [DataRow("tags\nred;green;blue\nyellow;pink;grey\nblack;white;teal\n", DisplayName = "semicolons, no value repeated")]
    [DataRow("tags\nred|green\nblue|pink\npink|grey\ngrey|teal\n", DisplayName = "pipes, items moving between places")]
    [DataRow("name\nSmith, Alice\nJones, Bob\nLee, Ann\n", DisplayName = "names written last, first")]
    [DataRow("colour\nred,blue\ngreen,red\nred,grey\n", DisplayName = "the line below holds values of the rows")]
    [DataRow("tags\nred,green\nblue,yellow\npurple,orange\nblack,white\n", DisplayName = "commas, no value repeated (a review: read as a title, the list lost its header and first row)")]
    [DataRow("emails\na@x.com,b@y.com\nc@z.com,d@w.com\ne@v.com,f@u.com\n", DisplayName = "commas, e-mails")]
    [DataRow("keywords\ndata quality;profiling\nmachine learning;ai\nclean data;etl\n", DisplayName = "semicolons, items written alike")]
    [DataRow("Colours\nRed;Green\nBlue;Yellow\nPink;Grey\n", DisplayName = "semicolons, items capitalised alike")]
    public void Open_ShouldKeepOneColumn_WhenTheLineBelowAOneWordHeaderIsNoHeader(string text)
    {
        using var reader = Open(text);

        Assert.HasCount(1, reader.Columns);
        Assert.IsEmpty(reader.TitleLines);
    }

    [TestMethod]
    [DataRow("id,name,country\n1,Ann,FR\n2,Bob,DE\n3,Cy,IT\nTotal: 3 customers\n", new[] { "Total: 3 customers" }, 3, DisplayName = "a total line right below")]
    [DataRow("Inventory export\r\n\r\nItem;Qty;Cost\r\nBolt;120;0,15\r\nNut;300;0,05\r\n\r\nGenerated by WMS 5.2\r\nPage 1 of 1\r\n", new[] { "Generated by WMS 5.2", "Page 1 of 1" }, 2, DisplayName = "two lines after a blank line, CRLF, under a title")]
    [DataRow("id,comment\n1,\"Great.\nWould recommend.\"\n2,ok\nEnd of report (2 rows)\n", new[] { "End of report (2 rows)" }, 2, DisplayName = "below a row with a multi-line value")]
    [DataRow("id\tname\n1\tAnn\n2\tBob\nExported: 2024-05-01 10:00", new[] { "Exported: 2024-05-01 10:00" }, 2, DisplayName = "tabs, no line break at the end")]
    public void Read_ShouldLeaveOutNotesBelowTheTable_WhenTheyHoldWordsAndNoDelimiter(string text, string[] notes, int rows)
    {
        // Read as rows of one field padded with nulls: the note became a value of the first column (an id made text).
        using var reader = Open(text);

        CollectionAssert.AreEqual(notes, reader.TrailingLines.ToArray());
        int read = 0;
        while (reader.Read())
        {
            read++;
            Assert.AreEqual(reader.Columns.Count, reader.RowFieldCount);
        }

        Assert.AreEqual(rows, read);
        Assert.AreEqual(0, reader.ShortRows);
    }

    [TestMethod]
    [DataRow("name,email,city,orders\nAnn Lee,ann@lee.com,Leeds,10\nBob Ray,bob@ray.org,York,20\nAnn Lee,ann@lee.com,Leeds,30\nTotal,,,60\n", new[] { "Total, 60" }, 3, DisplayName = "a CRM export's Total,,,60")]
    [DataRow("name,orders,amount\nAnn,1,10.50\nBob,2,20.25\nCy,3,30.00\n,,\nGrand total:,6,60.75\nExported by CRM 4.2 on 2026-12-01\n", new[] { "Grand total:, 6, 60.75", "Exported by CRM 4.2 on 2026-12-01" }, 3, DisplayName = "after a spacer row, above a note")]
    [DataRow("Kundennr;Name;Umsatz\r\nK1;Hans;1.234,50\r\nK2;Anna;99,00\r\nK3;Eva;10,00\r\nSumme;;1.343,50\r\n", new[] { "Summe, 1.343,50" }, 3, DisplayName = "semicolons and decimal commas")]
    [DataRow("item,amount\nA,\"1,200.00\"\nB,\"2,300.50\"\n\"Total\",\"3,500.50\"\n", new[] { "Total, 3,500.50" }, 2, DisplayName = "quoted with group commas")]
    public void Read_ShouldLeaveOutATotalsRow_WhenTheLastLineIsALabelAndItsColumnsSums(string text, string[] left, int rows)
    {
        // Read as a record it was one more customer named "Total" (a golden record of its own) and doubled every sum.
        using var reader = Open(text);

        CollectionAssert.AreEqual(left, reader.TrailingLines.ToArray());
        int read = 0;
        while (reader.Read())
        {
            read++;
        }

        Assert.AreEqual(rows, read);
    }

    [TestMethod]
    [DataRow("company,city,spend\nAcme Ltd,Leeds,10\nBeta plc,York,20\nTotal,Paris,30\n", "Total", DisplayName = "a company named Total that gives a city")]
    [DataRow("name,orders\nAnn,10\nBob,20\nTotal,31\n", "Total", DisplayName = "a number that is not the sum")]
    [DataRow("name,orders\nAnn,10\nTotal,10\n", "Total", DisplayName = "one row above")]
    [DataRow("name,orders\nAnn,10\nBob,20\nTotalEnergies,30\n", "TotalEnergies", DisplayName = "a label that only starts the name")]
    [DataRow("name,orders\nAnn,0\nBob,0\nTotal,0\n", "Total", DisplayName = "zeros sum in any table")]
    [DataRow("name,note,orders\nAnn,\"x\",10\nBob,\"a\nTotal,,30\"\n", "Bob", DisplayName = "the end of a value spanning lines")]
    [DataRow("id,category,amount\n1,Food,10\n2,Rent,20\n3,Total,30\n", "3", DisplayName = "an id 3 under 1 and 2, a category named Total")]
    [DataRow("year,category,amount\n1000,Food,15\n2000,Rent,25\n3000,Total,40\n", "3000", DisplayName = "a year that steps on as its sum")]
    public void Read_ShouldKeepTheLastRow_WhenItIsNoTotalsRow(string text, string lastRow)
    {
        using var reader = Open(text);

        Assert.IsEmpty(reader.TrailingLines);
        string last = "";
        while (reader.Read())
        {
            last = reader.GetField(0).ToString();
        }

        Assert.AreEqual(lastRow, last);
    }

    [TestMethod]
    [DoNotParallelize] // counts the process's totals-row passes: a class running beside it could add some
    public void Open_ShouldSumTheRowsAboveALastLineOnce_WhenTheSameFileIsOpenedAgain()
    {
        // Total,,61.0 looks like a totals row and does not add up: every open summed the whole file again to find that
        // out (clean-my-data's agents open the same file many times).
        string path = _files.AddText("orders.csv", "name,city,orders\nAnn,Leeds,10\nBob,York,20\nCy,Hull,30\nTotal,,61.0\n").Path;
        long before = TotalsRowVerdicts.Passes;

        for (int i = 0; i < 3; i++)
        {
            using var reader = CsvTableReader.Open(path, "orders.csv");
            Assert.IsEmpty(reader.TrailingLines);
        }

        Assert.AreEqual(1, TotalsRowVerdicts.Passes - before);

        // A file written again is decided again.
        File.WriteAllText(path, "name,city,orders\nAnn,Leeds,10\nBob,York,20\nCy,Hull,30\nTotal,,60\n");
        using var rewritten = CsvTableReader.Open(path, "orders.csv");
        CollectionAssert.AreEqual(new[] { "Total, 60" }, rewritten.TrailingLines.ToArray());
        Assert.AreEqual(2, TotalsRowVerdicts.Passes - before);
    }

    [TestMethod]
    [DataRow("id,name,country\n1,Ann,FR\n2,Bob,DE\n3\n", DisplayName = "a last row of one number")]
    [DataRow("id,name,country\n1,Ann,FR\n2,Bob,DE\nCy\n", DisplayName = "a last row of one word")]
    [DataRow("name,email,phone\nAnn Lee,ann@x.org,555-0101\nBo Ray,bo@x.org,555-0102\nAnn Smith\n", DisplayName = "a last row of words, its empty fields trimmed by its writer (review)")]
    [DataRow("city\tcountry\tzip\nParis\tFR\t75001\nNew York\n", DisplayName = "a last tab row of two words")]
    [DataRow("id,name\nfirst note here\nsecond note here\n", DisplayName = "every data row (they would leave none)")]
    [DataRow("name\nAnn Lee\nBob Ray\nEnd of list\n", DisplayName = "a one-column file")]
    [DataRow("id,name\n1,Ann\nsee note: 1\n2,Bob\n", DisplayName = "a line of words between rows")]
    public void Read_ShouldKeepRowsWithoutTheDelimiter_WhenTheyAreNoNotesBelowTheTable(string text)
    {
        using var reader = Open(text);

        Assert.IsEmpty(reader.TrailingLines);
        int read = 0;
        while (reader.Read())
        {
            read++;
        }

        Assert.AreEqual(text.Count(c => c == '\n') - 1, read);
    }

    [TestMethod]
    public void Open_ShouldDetectTab_WhenHeaderUsesTabs()
    {
        using var reader = Open("name\tcity, state\tzip\nAnn\tParis, FR\t75001\n");

        Assert.AreEqual('\t', reader.Delimiter);
        CollectionAssert.AreEqual(new[] { "name", "city, state", "zip" }, reader.Columns.ToArray());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("Paris, FR", reader.GetField(1).ToString());
    }

    [TestMethod]
    public void Open_ShouldPreferTab_WhenTsvHeaderHasAsManyCommasAsTabs()
    {
        using var reader = CsvTableReader.Open(_files.AddText("data.tsv", "name\tcity, state\nAnn\tParis, FR\n").Path, "data.tsv");

        Assert.AreEqual('\t', reader.Delimiter);
        Assert.AreEqual("city, state", reader.Columns[1]);
    }

    [TestMethod]
    [DataRow("sep=;\r\nname;amount\r\nA;1,5\r\n", ';', "1,5")]
    [DataRow("SEP=,\nname,amount\nA,\"1;5\"\n", ',', "1;5")]
    [DataRow("sep=^\nname^amount\nA^2\n", '^', "2")]
    public void Open_ShouldUseAndSkipTheSeparatorLine_WhenTheFileStartsWithExcelsSepHint(string text, char delimiter, string amount)
    {
        using var reader = Open(text);

        Assert.AreEqual(delimiter, reader.Delimiter);
        CollectionAssert.AreEqual(new[] { "name", "amount" }, reader.Columns.ToArray());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual(0, reader.RowIndex);
        Assert.AreEqual("A", reader.GetField(0).ToString());
        Assert.AreEqual(amount, reader.GetField(1).ToString());
        Assert.IsFalse(reader.Read());
    }

    [TestMethod]
    [DataRow("sep=;x\na;b\n1;2\n")]
    [DataRow("sep= \na;b\n1;2\n")]
    [DataRow("separator,b\n1,2\n")]
    public void Open_ShouldReadTheFirstLineAsHeader_WhenItIsNoSepHint(string text)
    {
        using var reader = Open(text);

        Assert.AreNotEqual("name", reader.Columns[0]);
        Assert.IsTrue(reader.Read());
        Assert.AreEqual(0, reader.RowIndex);
    }

    [TestMethod]
    public void Open_ShouldFailAsEmpty_WhenTheFileHoldsOnlyASepHint()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => Open("sep=;\r\n"));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
    }

    [TestMethod]
    public void Open_ShouldDetectPipe_WhenHeaderUsesPipes()
    {
        using var reader = Open("a|b\n1|2\n");

        Assert.AreEqual('|', reader.Delimiter);
        Assert.HasCount(2, reader.Columns);
    }

    [TestMethod]
    public void Open_ShouldStripBom_WhenFileStartsWithUtf8Bom()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("name,age\nZoë,31\n")];
        using var reader = CsvTableReader.Open(_files.AddBytes("bom.csv", bytes).Path, "bom.csv");

        Assert.IsTrue(reader.HasUtf8Bom);
        Assert.AreEqual("name", reader.Columns[0]);
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("Zoë", reader.GetField(0).ToString());
    }

    [TestMethod]
    public void Read_ShouldKeepEmbeddedNewline_WhenFieldIsQuoted()
    {
        using var reader = Open("id,note\n1,\"line one\nline two\"\n2,plain\n");

        Assert.IsTrue(reader.Read());
        Assert.AreEqual("line one\nline two", reader.GetField(1).ToString());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual(1, reader.RowIndex);
        Assert.AreEqual("plain", reader.GetField(1).ToString());
        Assert.IsFalse(reader.Read());
    }

    [TestMethod]
    [DataRow("id,name,amount\r\n1,Jos\u00e9,12.5\n2,Ann,99.5\r3,Ana,10\r\n4,Olaf,5\n5,Chlo\u00e9,7\r", DisplayName = "CRLF header, rows ending LF, CR, CRLF")]
    [DataRow("id,name,amount\n1,Jos\u00e9,12.5\r2,Ann,99.5\r3,Ana,10\n4,Olaf,5\r\n5,Chlo\u00e9,7\n", DisplayName = "LF header, rows ending CR")]
    public void Read_ShouldEndARowAtEveryKindOfLineEnd_WhenAFileMixesThem(string text)
    {
        using var reader = Open(text);

        var rows = new List<string>();
        while (reader.Read())
        {
            Assert.AreEqual(3, reader.RowFieldCount, $"row {reader.RowIndex} was glued to another");
            rows.Add(string.Join("|", Enumerable.Range(0, 3).Select(c => reader.GetField(c).ToString())));
        }

        CollectionAssert.AreEqual(new[] { "1|Jos\u00e9|12.5", "2|Ann|99.5", "3|Ana|10", "4|Olaf|5", "5|Chlo\u00e9|7" }, rows);
    }

    [TestMethod]
    public void Read_ShouldReadACrOnlyFileRowByRow_WhenAValueHoldsAStrayQuote()
    {
        using var reader = Open("id,height,name\r1,5'11\",Ann\r2,6',Bob\r3,5'2,Cy\r4,6'1,Dee\r");

        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetField(0).ToString());
        }

        CollectionAssert.AreEqual(new[] { "1", "2", "3", "4" }, ids);
    }

    [TestMethod]
    public void Read_ShouldKeepALoneCarriageReturnInsideQuotes_WhenTheFileEndsLinesWithLf()
    {
        using var reader = Open("id,note\n1,\"old mac\rtext, \"\"quoted\"\"\"\n2,\"a\"\r3,b\n");

        Assert.IsTrue(reader.Read());
        Assert.AreEqual("old mac\rtext, \"quoted\"", reader.GetField(1).ToString());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("a", reader.GetField(1).ToString());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("3", reader.GetField(0).ToString());
        Assert.IsFalse(reader.Read());
    }

    [TestMethod]
    public void Read_ShouldKeepALoneCarriageReturnInsideQuotes_AfterAnInchMarkInAnUnquotedValue()
    {
        // The unquoted 5" is a character, not an opening quote: counting it turned the quoted CR below into a line end.
        using var reader = Open("id,size,note\n1,5\" screen,a\n2,x,\"a\rb\"\n3,y,c\r4,z,d\n");

        Assert.IsTrue(reader.Read());
        Assert.AreEqual("5\" screen", reader.GetField(1).ToString());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("a\rb", reader.GetField(2).ToString());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("3", reader.GetField(0).ToString());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("4", reader.GetField(0).ToString());
        Assert.IsFalse(reader.Read());
    }

    [TestMethod]
    public void Read_ShouldSplitRowsAtLoneCarriageReturns_WhereverTheReadBuffersEnd()
    {
        // Rows of varied length, so some CR, some CRLF pair and some quote fall on the edge of a 64 Ki read.
        var text = new StringBuilder("id,note\n");
        int rows = 20_000;
        for (int i = 0; i < rows; i++)
        {
            string note = i % 7 == 0 ? $"\"q{i}\rkept\"" : new string('x', i % 13);
            text.Append(i).Append(',').Append(note).Append((i % 3) switch { 0 => "\r", 1 => "\r\n", _ => "\n" });
        }

        using var reader = Open(text.ToString());
        int seen = 0;
        while (reader.Read())
        {
            Assert.AreEqual(seen.ToString(System.Globalization.CultureInfo.InvariantCulture), reader.GetField(0).ToString());
            Assert.AreEqual(2, reader.RowFieldCount);
            if (seen % 7 == 0)
            {
                Assert.AreEqual($"q{seen}\rkept", reader.GetField(1).ToString());
            }

            seen++;
        }

        Assert.AreEqual(rows, seen);
    }

    [TestMethod]
    [DataRow("Sales report Q1 2024\nid,name,city,amount\n1,Ann,Paris,10\n2,Bob,Rome,20\n3,Cy,Oslo,30\n", 1, DisplayName = "title line")]
    [DataRow("Sales report Q1 2024\r\n\r\nid,name,city,amount\r\n1,Ann,Paris,10\r\n2,Bob,Rome,20\r\n3,Cy,Oslo,30\r\n", 1, DisplayName = "title, blank line")]
    [DataRow("ACME Corp\nExported 2024-05-01 by jdoe\n\nid;name;city;amount\n1;Ann;Paris;10\n2;Bob;Rome;20\n3;Cy;Oslo;30\n", 2, DisplayName = "two title lines, semicolons")]
    [DataRow("Sales report Q1 2024,,,\n,,,\nid,name,city,amount\n1,Ann,Paris,10\n2,Bob,Rome,20\n3,Cy,Oslo,30\n", 2, DisplayName = "a workbook's merged title")]
    [DataRow("# exported by tool\nSales report Q1 2024\nid,name,city,amount\n1,Ann,Paris,10\n2,Bob,Rome,20\n3,Cy,Oslo,30\n", 2, DisplayName = "a comment line, then a title")]
    [DataRow("Sales report Q1 2024\nGenerated:,2024-01-01\n\nid,name,city,amount\n1,Ann,Paris,10\n2,Bob,Rome,20\n3,Cy,Oslo,30\n", 2, DisplayName = "a title and a labelled note")]
    [DataRow("Sales report as of:,2024-05-01\nid,name,city,amount\n1,Ann,Paris,10\n2,Bob,Rome,20\n3,Cy,Oslo,30\n", 1, DisplayName = "a labelled note alone")]
    public void Open_ShouldSkipTitleLinesAboveTheHeader_WhenTheRowsFollowTheLineBelowThem(string text, int titles)
    {
        using var reader = Open(text);

        CollectionAssert.AreEqual(new[] { "id", "name", "city", "amount" }, reader.Columns.ToArray());
        Assert.AreEqual(titles, reader.TitleLines.Count);
        StringAssert.StartsWith(reader.TitleLines.First(t => !t.StartsWith('#')), text.StartsWith("ACME", StringComparison.Ordinal) ? "ACME" : "Sales report");
        var ids = new List<string>();
        while (reader.Read())
        {
            Assert.AreEqual(4, reader.RowFieldCount);
            ids.Add(reader.GetField(0).ToString());
        }

        CollectionAssert.AreEqual(new[] { "1", "2", "3" }, ids);
    }

    [TestMethod]
    public void Open_ShouldSkipTitleLines_WhenTheHeaderHasAnEmptySpacerColumn()
    {
        // A report sheet's table with an empty column between its parts: the header has a gap, the rows follow it.
        using var reader = Open("Sales report Q1 2024\nGenerated: 2024-04-01\n\nid,name,,city,amount\n1,Ann,,Paris,10\n2,Bob,,Rome,20\n3,Cy,,Oslo,30\n");

        CollectionAssert.AreEqual(new[] { "id", "name", "column_3", "city", "amount" }, reader.Columns.ToArray());
        CollectionAssert.AreEqual(new[] { "Sales report Q1 2024", "Generated: 2024-04-01" }, reader.TitleLines.ToArray());
    }

    [TestMethod]
    [DataRow("Sales report Q1 2024\nid,name,,amount\n1,Alice,A,10\n2,Bob,B,20\n3,Carl,C,30\n", "id|name|column_3|amount", DisplayName = "a header cell left empty")]
    [DataRow("Quarterly export\n,id,name,amount\n0,1,Alice,10\n1,2,Bob,20\n2,3,Carl,30\n", "column_1|id|name|amount", DisplayName = "pandas' unnamed index column")]
    [DataRow("Sales report Q1 2024\r\n\r\n,id,name,amount\r\n0,1,N0,10\r\n1,2,N1,20\r\n2,3,N2,30\r\n", "column_1|id|name|amount", DisplayName = "a title, a blank line, CRLF")]
    [DataRow("Bericht\nid;name;;betrag\n1;Anna;A;10\n2;Bert;B;20\n3;Cora;C;30\n", "id|name|column_3|betrag", DisplayName = "a one-word title, semicolons")]
    [DataRow("Sales report Q1 2024,,,\nid,name,,amount\n1,Alice,A,10\n2,Bob,B,20\n3,Carl,C,30\n", "id|name|column_3|amount", DisplayName = "a title padded with commas")]
    public void Open_ShouldSkipATitle_WhenTheHeaderBelowItLeavesAColumnUnnamed(string text, string columns)
    {
        // One empty header cell (a column filled in the rows, so no spacer) made the header no proof of a title: the
        // table was read as one column named after the title, the header a data row, with no alert (outside probe).
        using var reader = Open(text);

        Assert.AreEqual(columns, string.Join("|", reader.Columns));
        Assert.HasCount(1, reader.TitleLines);
        Assert.IsNull(reader.UnsplitRows);
        var rows = 0;
        while (reader.Read())
        {
            Assert.AreEqual(4, reader.RowFieldCount);
            rows++;
        }

        Assert.AreEqual(3, rows);
    }

    [TestMethod]
    [DataRow("Summary\nProduct;Status\nWidget;OK\nGadget;Fail\nGizmo;Done\n", ';', 2, DisplayName = "a one-word title above a semicolon table of words, no value repeated, names written as the values")]
    [DataRow("Report title here\nid,,,,amount\n1,2,3,4,5\n6,7,8,9,10\n11,12,13,14,15\n", ',', 5, DisplayName = "a header with more gaps than names below a title")]
    [DataRow("tags\nred;green;blue\nyellow;pink;grey\nblack;white;teal\n", ';', 3, DisplayName = "one column whose values hold semicolons")]
    public void Open_ShouldSayTheRowsHoldADelimiter_WhenTheFileIsReadAsOneColumn(string text, char delimiter, int fields)
    {
        // Each is read as one column (nothing proves the first line a title), but every row holds the same delimiters:
        // said, never silently.
        using var reader = Open(text);

        Assert.HasCount(1, reader.Columns);
        Assert.AreEqual(new UnsplitRows(delimiter, fields), reader.UnsplitRows);
    }

    [TestMethod]
    [DataRow("wert\n1,5\n2,75\n3,25\n", DisplayName = "decimal commas")]
    [DataRow("comment\nfine\ngood, thanks\nok\nbad\n", DisplayName = "a comma in some values")]
    [DataRow("email\nann@x.org\nbob@y.org\ncy@z.org\n", DisplayName = "no delimiter")]
    [DataRow("id,name\n1,a\n2,b\n3,c\n", DisplayName = "a table of two columns")]
    public void Open_ShouldNotSayTheRowsHoldADelimiter_WhenTheyDoNotAllHoldItOrAreNotOneColumn(string text)
    {
        using var reader = Open(text);

        Assert.IsNull(reader.UnsplitRows);
    }

    [TestMethod]
    public void Open_ShouldSkipATitle_WhenTheHeaderNamesYearColumns()
    {
        // A sheet of figures by year: "region,2023,2024" was no header (it holds numbers), so "Sales by year" became a
        // one-column header and every figure was dropped (outside figures probe).
        using var reader = Open("Sales by year\nregion,2023,2024\nN,1,2\nS,3,4\nE,5,6\n");

        CollectionAssert.AreEqual(new[] { "region", "2023", "2024" }, reader.Columns.ToArray());
        CollectionAssert.AreEqual(new[] { "Sales by year" }, reader.TitleLines.ToArray());
    }

    [TestMethod]
    [DataRow("Yearly figures\n2023,2024,2025\n1,2,3\n4,5,6\n7,8,9\n", DisplayName = "only years, no word: as likely a data row")]
    [DataRow("Prices by code\nitem,1234,5678\na,1,2\nb,3,4\nc,5,6\n", DisplayName = "numbers that are no years")]
    public void Open_ShouldNotTakeALineWithOtherNumbersForTheHeader_BelowATitle(string text)
    {
        using var reader = Open(text);

        Assert.AreEqual(0, reader.TitleLines.Count, string.Join(",", reader.Columns));
    }

    [TestMethod]
    [DataRow("Report title here\nid,,,,amount\n1,2,3,4,5\n6,7,8,9,10\n11,12,13,14,15\n", DisplayName = "a line below a title with more gaps than names")]
    [DataRow("Customer name,,\nAlice,,Paris\nBob,Jones,Rome\nCy,Smith,Oslo\nDee,Lee,Nice\n", DisplayName = "a data row with a missing value below a header naming one column")]
    [DataRow("email\nann@x.org\nbob@y.org\ncy@z.org\n", DisplayName = "a one-column file")]
    [DataRow("comment\nfine\ngood, thanks\nok\nbad\nmeh\n", DisplayName = "one column, a comma in some values")]
    [DataRow("title\nid,name\n1,Ann,extra\n2\n3,Bob,x,y\n", DisplayName = "rows that do not follow the line below")]
    [DataRow("tags\nred;green;blue\nyellow;pink;grey\nblack;white;teal\n", DisplayName = "one column whose values hold semicolons")]
    [DataRow("Region,,,\nNorth,East,South,West\nAlpha,Beta,Gamma,Delta\nOne,Two,Three,Four\n", DisplayName = "a header naming its first column only")]
    [DataRow("id,,,\n1,a,b,c\n2,d,e,f\n3,g,h,i\n", DisplayName = "a header with one name, rows below")]
    [DataRow("key:,value\na,1\nb,2\nc,3\n", DisplayName = "a two-column file whose first name ends in a colon")]
    public void Open_ShouldKeepTheFirstLineAsHeader_WhenNothingShowsItIsATitle(string text)
    {
        using var reader = Open(text);

        Assert.AreEqual(0, reader.TitleLines.Count);
        Assert.AreEqual(text[..text.IndexOfAny(['\n', ','])], reader.Columns[0]);
    }

    [TestMethod]
    public void Open_ShouldDetectTheDelimiterOnTheHeader_WhenBlankLinesComeFirst()
    {
        using var reader = Open("\n\nname;amount\nA;1,5\n");

        Assert.AreEqual(';', reader.Delimiter);
        CollectionAssert.AreEqual(new[] { "name", "amount" }, reader.Columns.ToArray());
    }

    [TestMethod]
    public void Open_ShouldRenameHeaders_WhenNamesAreDuplicateOrEmpty()
    {
        using var reader = Open("a,a,,b,a, \n1,2,3,4,5,6\n");

        CollectionAssert.AreEqual(new[] { "a", "a_2", "column_3", "b", "a_3", "column_6" }, reader.Columns.ToArray());
        Assert.HasCount(4, reader.HeaderRenames);
        Assert.AreEqual(new HeaderRename(1, "a", "a_2", "duplicate"), reader.HeaderRenames[0]);
        Assert.AreEqual(new HeaderRename(2, "", "column_3", "empty"), reader.HeaderRenames[1]);
    }

    [TestMethod]
    public void MakeUnique_ShouldSkipTakenSuffix_WhenAnotherHeaderAlreadyUsesIt()
    {
        var names = HeaderNames.MakeUnique(["x", "x", "x_2"], out var renames);

        CollectionAssert.AreEqual(new[] { "x", "x_3", "x_2" }, names.ToArray());
        Assert.HasCount(1, renames);
    }

    [TestMethod]
    public void Read_ShouldPadAndTruncate_WhenRowsAreRagged()
    {
        using var reader = Open("a,b,c\n1,2\n1,2,3,4\n1,2,3\n");

        Assert.IsTrue(reader.Read());
        Assert.AreEqual(2, reader.PresentFieldCount);
        Assert.IsTrue(reader.GetField(2).IsEmpty);
        Assert.IsTrue(reader.Read());
        Assert.AreEqual(3, reader.PresentFieldCount);
        Assert.IsTrue(reader.Read());
        Assert.IsFalse(reader.Read());
        Assert.AreEqual(1, reader.ShortRows);
        Assert.AreEqual(1, reader.LongRows);
    }

    [TestMethod]
    public void Open_ShouldThrowInvalidInputFile_WhenFileIsEmpty()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => Open(""));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("empty", ex.Message);
    }

    [TestMethod]
    public void Open_ShouldThrowInvalidInputFile_WhenFileHasOnlyAHeader()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => Open("a,b,c\n\n"));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("has a header but no data rows", ex.Message);
    }

    [TestMethod]
    public void Open_ShouldThrowInvalidInputFile_WhenFileIsBinary()
    {
        byte[] bytes = [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x61, 0x2C, 0x62];
        var ex = Assert.ThrowsExactly<AnalysisException>(() => CsvTableReader.Open(_files.AddBytes("x.csv", bytes).Path, "x.csv"));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("not a text file", ex.Message);
    }

    [TestMethod]
    public void Open_ShouldThrowInvalidInputFile_WhenBytesAreNotUtf8()
    {
        byte[] bytes = [.. "name\n"u8, 0xC3, 0x28, 0xFF, (byte)'\n'];
        var ex = Assert.ThrowsExactly<AnalysisException>(() => CsvTableReader.Open(_files.AddBytes("latin.csv", bytes).Path, "latin.csv"));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("UTF-8", ex.Message);
    }

    [TestMethod]
    [DataRow("3000,bad", "", 6003, false, DisplayName = "in a row of one line")]
    [DataRow("3000,\"first line\nsecond ", " line\"", 6004, false, DisplayName = "on the second line of a quoted value")]
    [DataRow("", "3000,bad", 6003, false, DisplayName = "opening the row's line")]
    [DataRow("3000,bad", "", 6003, true, DisplayName = "in a row of one line, BOM")]
    [DataRow("3000,\"first line\nsecond ", " line\"", 6004, true, DisplayName = "on the second line of a quoted value, BOM")]
    public void Read_ShouldNameTheBadBytesLineAndDataRow_WhenInvalidUtf8LiesPastTheFirstRows(string before, string after, int line, bool bom)
    {
        // A blank line, then 3,000 rows of two lines each (a quoted value spans them), over 64 KiB: the decoder read that far
        // ahead, so "after data row N" named a row some 1,000 rows before the bad byte's (data row 3000). With a BOM the
        // byte was not refused at all: the StreamReader that found the BOM decoded with Encoding.UTF8, which writes U+FFFD.
        var text = new StringBuilder("id,note\n\n");
        for (int i = 0; i < 3000; i++)
        {
            text.Append(i).Append(",\"note ").Append(i).Append(" goes on\non a second line\"\n");
        }

        byte[] bytes = [.. bom ? [0xEF, 0xBB, 0xBF] : Array.Empty<byte>(), .. Encoding.UTF8.GetBytes(text + before), 0xFF, .. Encoding.UTF8.GetBytes(after + "\n3001,ok\n3002,ok\n")];
        using var reader = CsvTableReader.Open(_files.AddBytes("notes.csv", bytes).Path, "notes.csv");

        var ex = Assert.ThrowsExactly<AnalysisException>(() =>
        {
            while (reader.Read())
            {
            }
        });

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains($"is not valid UTF-8 text at line {line} (data row 3000, counted from 0)", ex.Message);
    }

    [TestMethod]
    [DataRow("id,name\n1,a\n2,\"bad\"x\n3,b\n", 3, DisplayName = "the third line")]
    [DataRow("# exported today\nid,name\n1,a\n\n2,\"two\nlines\"\n3,\"bad\"x\n4,b\n", 7, DisplayName = "after a comment, a blank line and a value of two lines")]
    [DataRow("id,name\r\n1,\"a\r\nb\"\r\n2,\"bad\"x\r\n", 4, DisplayName = "CRLF lines")]
    public void Read_ShouldNameTheFileLineOfARecordThatIsNotValidCsv(string text, int line)
    {
        // "not valid CSV near row 5" was the parser's record count (header = 1), not the line an editor shows (comments,
        // blank lines and line breaks inside quotes put it off) nor row_index, which counts data rows from 0.
        var ex = Assert.ThrowsExactly<AnalysisException>(() =>
        {
            using var reader = CsvTableReader.Open(_files.AddBytes("bad.csv", Encoding.UTF8.GetBytes(text)).Path, "bad.csv");
            while (reader.Read())
            {
            }
        });

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains($"is not valid CSV near line {line}:", ex.Message);
    }

    [TestMethod]
    public void Read_ShouldNameTheNulsLineAndDataRow_WhenItLiesPastTheFirstRows()
    {
        // As for an invalid byte: "after data row N" named a row far before the NUL's.
        var text = new StringBuilder("id,note\n");
        for (int i = 0; i < 3000; i++)
        {
            text.Append(i).Append(",\"note ").Append(i).Append(" goes on\non a second line\"\n");
        }

        byte[] bytes = [.. Encoding.UTF8.GetBytes(text + "3000,a"), 0x00, .. "b\n3001,ok\n"u8];
        using var reader = CsvTableReader.Open(_files.AddBytes("nul.csv", bytes).Path, "nul.csv");

        var ex = Assert.ThrowsExactly<AnalysisException>(() =>
        {
            while (reader.Read())
            {
            }
        });

        Assert.Contains("is not a text file: NUL bytes found (UTF-16 and binary files are not supported) at line 6002 (data row 3000, counted from 0).", ex.Message);
    }

    [TestMethod]
    [DataRow("id,tag\n1,x\n#2,y\n3,z\n#4,w\n", new[] { "1", "#2", "3", "#4" }, DisplayName = "ids starting with #")]
    [DataRow("color,name\n#FF0000,red\n#00FF00,green\n#0000FF,blue\n", new[] { "#FF0000", "#00FF00", "#0000FF" }, DisplayName = "colours, every row")]
    [DataRow("tag;n\r\n#sale;5\r\n#new;3\r\nplain;1\r\n", new[] { "#sale", "#new", "plain" }, DisplayName = "hashtags, semicolons, CRLF")]
    public void Read_ShouldKeepRowsStartingWithHash_WhenBelowTheHeader(string text, string[] firsts)
    {
        // The CSV parser's default skipped each such row as a comment, silently.
        using var reader = Open(text);

        var read = new List<string>();
        while (reader.Read())
        {
            read.Add(reader.GetField(0).ToString());
        }

        CollectionAssert.AreEqual(firsts, read);
        Assert.IsEmpty(reader.TitleLines);
    }

    [TestMethod]
    [DataRow("# exported by tool, 2024\n\n# second note\nid,name\n1,a\n2,b\n", DisplayName = "comments and a blank line")]
    [DataRow("# exported by tool, 2024\r\n# second note\r\nid,name\r\n1,a\r\n2,b\r\n", DisplayName = "CRLF")]
    [DataRow("# exported by tool, 2024\r# second note\rid,name\r1,a\r2,b\r", DisplayName = "CR only")]
    public void Open_ShouldSkipAndListCommentLines_WhenAboveTheHeader(string text)
    {
        using var reader = Open(text);

        CollectionAssert.AreEqual(new[] { "id", "name" }, reader.Columns.ToArray());
        CollectionAssert.AreEqual(new[] { "# exported by tool, 2024", "# second note" }, reader.TitleLines.ToArray());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("a", reader.GetField(1).ToString());
        Assert.IsTrue(reader.Read());
        Assert.IsFalse(reader.Read());
    }

    [TestMethod]
    public void Open_ShouldTakeAHashLineForTheHeader_WhenRowsOfDataWithItsFieldsFollow()
    {
        using var reader = Open("# notes\n#id,name,value\n1,Alice,10\n2,Bob,20\n");

        CollectionAssert.AreEqual(new[] { "#id", "name", "value" }, reader.Columns.ToArray());
        CollectionAssert.AreEqual(new[] { "# notes" }, reader.TitleLines.ToArray());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("Alice", reader.GetField(1).ToString());
    }

    [TestMethod]
    public void Open_ShouldThrowInvalidInputFile_WhenTheFileHoldsOnlyComments()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => Open("# one\n\n# two\n"));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("empty", ex.Message);
    }

    [TestMethod]
    [DataRow(2_000, "\n", DisplayName = "comments cut by the end of the first bytes")]
    [DataRow(1_149, "\n", DisplayName = "comments ending just before the end of the first bytes")]
    [DataRow(1_129, "\r\n", DisplayName = "the same, CRLF")]
    [DataRow(700, "\r", DisplayName = "more than half of the first bytes, CR only")]
    public void Open_ShouldThrowInvalidInputFile_WhenCommentsLeaveTooLittleOfTheFirstBytesForTheHeader(int lines, string end)
    {
        // With the header at the end of the first 64 KiB, or past it, the delimiter was guessed from nothing: one column "a;b;c".
        string comments = string.Concat(Enumerable.Repeat("# a long note about the export, repeated many times over" + end, lines));
        string rows = string.Concat(Enumerable.Range(0, 3_000).Select(i => $"{i};2;3{end}"));
        var ex = Assert.ThrowsExactly<AnalysisException>(() => Open(comments + "a;b;c" + end + rows));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("comment lines", ex.Message);
    }

    [TestMethod]
    public void Open_ShouldReadTheHeaderBelowComments_WhenTheyTakeLessThanHalfOfTheFirstBytes()
    {
        string comments = string.Concat(Enumerable.Repeat("# a long note about the export, repeated many times over\n", 500));
        string rows = string.Concat(Enumerable.Range(0, 3_000).Select(i => $"{i};2;3\n"));
        using var reader = Open(comments + "a;b;c\n" + rows);

        CollectionAssert.AreEqual(new[] { "a", "b", "c" }, reader.Columns.ToArray());
        Assert.HasCount(500, reader.TitleLines);
    }

    [TestMethod]
    [DataRow("sep=;\n# note\na;b\n1;2\n", new[] { "a", "b" }, new[] { "# note" }, DisplayName = "comments after Excel's sep= line")]
    [DataRow("# note\r\nsep=;\r\n# more\r\n\r\na;b\r\n1;2\r\n", new[] { "a", "b" }, new[] { "# note", "# more" }, DisplayName = "comments around it, CRLF")]
    [DataRow("# Report, Q1, 2024\nregion,2023,2024\nnorth,1,2\n", new[] { "region", "2023", "2024" }, new[] { "# Report, Q1, 2024" }, DisplayName = "a note with a number above a header with years")]
    public void Open_ShouldSkipComments_WhereverTheyStandAboveTheHeader(string text, string[] columns, string[] comments)
    {
        using var reader = Open(text);

        CollectionAssert.AreEqual(columns, reader.Columns.ToArray());
        CollectionAssert.AreEqual(comments, reader.TitleLines.ToArray());
        Assert.IsTrue(reader.Read());
        Assert.IsFalse(reader.Read());
    }

    // Stop 43: UTF-16 (Excel's "Unicode text") and Latin-1/Windows-1252 files were refused with no word of what to do, the
    // UTF-16 one as "not a text file", the Latin-1 one with no place named.
    [TestMethod]
    [DataRow(true, true, "FF FE", DisplayName = "UTF-16 LE with its BOM")]
    [DataRow(false, true, "FE FF", DisplayName = "UTF-16 BE with its BOM")]
    [DataRow(true, false, "without a byte-order mark", DisplayName = "UTF-16 LE without a BOM")]
    public void Open_ShouldSayUtf16AndWhatToDo_WhenTheFileIsUtf16(bool littleEndian, bool bom, string said)
    {
        var encoding = new UnicodeEncoding(bigEndian: !littleEndian, byteOrderMark: bom);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes("name\tcity\r\nAnna\tZürich\r\nBob\tBern\r\n")];
        var ex = Assert.ThrowsExactly<AnalysisException>(() => CsvTableReader.Open(_files.AddBytes("unicode.txt", bytes).Path, "unicode.txt"));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("UTF-16", ex.Message);
        Assert.Contains(said, ex.Message);
        Assert.Contains("save it as UTF-8 (in Excel: Save As, \"CSV UTF-8 (Comma delimited)\")", ex.Message);
    }

    [TestMethod]
    public void Open_ShouldNameTheByteAndLineAndWhatToDo_WhenTheFileIsLatin1()
    {
        // "Zürich" in Windows-1252 on the third line: ü is the byte 0xFC, the 26th byte of the file.
        byte[] bytes = [.. "name,city\nAnna,Bern\nBob,Z"u8, 0xFC, .. "rich\n"u8];
        var ex = Assert.ThrowsExactly<AnalysisException>(() => CsvTableReader.Open(_files.AddBytes("cp1252.csv", bytes).Path, "cp1252.csv"));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("not valid UTF-8 text (byte 0xFC at byte 26, line 3;", ex.Message);
        Assert.Contains("Latin-1 or Windows-1252", ex.Message);
        Assert.Contains("save it as UTF-8 (in Excel: Save As, \"CSV UTF-8 (Comma delimited)\") and upload it again", ex.Message);
    }

    // Stop 44: the sniff of the first 64 KiB counted lines by LF alone, the look-up past them (BadBytePlace) by LF, CRLF
    // and a lone CR, as an editor does: a CR-only (classic Mac) file's bad byte was always "line 1", a mixed file's a
    // line too early. One rule now (EditorLines); both must name the editor's line.
    [TestMethod]
    [DataRow("\n", DisplayName = "LF")]
    [DataRow("\r\n", DisplayName = "CRLF")]
    [DataRow("\r", DisplayName = "CR only")]
    [DataRow("mixed", DisplayName = "LF, CRLF and CR mixed")]
    public void Open_ShouldNameTheEditorsLine_WhateverEndsTheLines(string end)
    {
        string[] ends = end == "mixed" ? ["\r\n", "\n", "\r", "\n", "\r\n"] : [end, end, end, end, end];
        string before = $"name,city{ends[0]}Anna,Bern{ends[1]}{ends[2]}Carl,Chur{ends[3]}Bob,Z";
        byte[] latin1 = [.. Encoding.UTF8.GetBytes(before), 0xFC, .. Encoding.UTF8.GetBytes("rich" + ends[4] + "Dora,Genf" + ends[4])];
        byte[] nul = [.. Encoding.UTF8.GetBytes(before), 0x00, .. Encoding.UTF8.GetBytes("rich" + ends[4])];
        // Line 1 header, 2 Anna, 3 blank, 4 Carl, 5 Bob.
        var bad = _files.AddBytes("cp1252.csv", latin1);
        var ex = Assert.ThrowsExactly<AnalysisException>(() => CsvTableReader.Open(bad.Path, "cp1252.csv"));
        Assert.Contains($"not valid UTF-8 text (byte 0xFC at byte {before.Length + 1}, line 5;", ex.Message);
        Assert.AreEqual(5L, BadBytePlace.LineOfFirstInvalidUtf8(bad.Path), "the look-up past the first bytes counts as the sniff does");
        var binary = _files.AddBytes("nul.csv", nul);
        ex = Assert.ThrowsExactly<AnalysisException>(() => CsvTableReader.Open(binary.Path, "nul.csv"));
        Assert.Contains($"(a NUL byte at byte {before.Length + 1}, line 5;", ex.Message);
    }

    [TestMethod]
    [DataRow(new byte[0], 0, 1L, DisplayName = "nothing")]
    [DataRow(new byte[] { (byte)'a', (byte)'\r', (byte)'\n', (byte)'b' }, 3, 2L, DisplayName = "CRLF is one line end")]
    [DataRow(new byte[] { (byte)'\r', (byte)'\r', (byte)'\n', (byte)'\n', (byte)'\r' }, 5, 5L, DisplayName = "CR, CRLF, LF, CR")]
    public void LineAt_ShouldCountLfCrlfAndALoneCrAsOneLineEndEach(byte[] bytes, int index, long line)
    {
        Assert.AreEqual(line, EditorLines.LineAt(bytes, index));
        // The same read in pieces, a CRLF split between two of them.
        var counter = new EditorLines();
        for (int i = 0; i < index; i++)
        {
            counter.Advance(bytes.AsSpan(i, 1));
        }

        Assert.AreEqual(line, counter.Line);
    }

    [TestMethod]
    public void Open_ShouldSayWhereTheNulIs_WhenABinaryFileIsNotUtf16()
    {
        byte[] bytes = [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x61, 0x2C, 0x62];
        var ex = Assert.ThrowsExactly<AnalysisException>(() => CsvTableReader.Open(_files.AddBytes("x.csv", bytes).Path, "x.csv"));

        Assert.Contains("not a text file (a NUL byte at byte 5, line 1;", ex.Message);
        Assert.DoesNotContain("UTF-16", ex.Message);
    }

    [TestMethod]
    [DataRow(new byte[] { 0xE9 }, "UTF-8", DisplayName = "a Latin-1 byte")]
    [DataRow(new byte[] { 0x00 }, "NUL", DisplayName = "a NUL byte")]
    public void Read_ShouldThrowInvalidInputFile_WhenBadBytesComePastTheFirstBytesRead(byte[] bad, string said)
    {
        // The sniff reads the first 64 KiB; these bytes come at row 40,000 (~0.6 MB), where they were read as U+FFFD or kept.
        var text = new StringBuilder("id,name\n");
        for (int i = 0; i < 50_000; i++)
        {
            text.Append(i).Append(",Name ").Append(i).Append('\n');
        }

        byte[] good = Encoding.UTF8.GetBytes(text.ToString());
        int at = Encoding.UTF8.GetByteCount(text.ToString()[..text.ToString().IndexOf("40000,Name", StringComparison.Ordinal)]) + 7;
        byte[] bytes = [.. good[..at], .. bad, .. good[at..]];
        using var reader = CsvTableReader.Open(_files.AddBytes("late.csv", bytes).Path, "late.csv");

        var ex = Assert.ThrowsExactly<AnalysisException>(() =>
        {
            while (reader.Read())
            {
            }
        });
        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains(said, ex.Message);
        Assert.Contains("late.csv", ex.Message);
    }

    [TestMethod]
    public void Read_ShouldSkipBlankLines_WhenFileHasEmptyLines()
    {
        using var reader = Open("a,b\n\n1,2\n\n3,4\n");

        Assert.IsTrue(reader.Read());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("3", reader.GetField(0).ToString());
        Assert.IsFalse(reader.Read());
        Assert.AreEqual(2, reader.BlankLinesSkipped);
    }

    [TestMethod]
    public void Read_ShouldKeepARowWhoseOnlyFieldIsAQuotedEmptyString_WhenItIsNotABlankLine()
    {
        using var reader = Open("a\n\"\"\n\r\n1\n\"\"\n");

        Assert.IsTrue(reader.Read());
        Assert.AreEqual(0, reader.RowIndex);
        Assert.AreEqual(1, reader.PresentFieldCount, "one field, empty");
        Assert.IsTrue(reader.GetField(0).IsEmpty);
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("1", reader.GetField(0).ToString());
        Assert.IsTrue(reader.Read(), "a quoted empty field on the last line is a row too");
        Assert.AreEqual(2, reader.RowIndex);
        Assert.IsFalse(reader.Read());
        Assert.AreEqual(1, reader.BlankLinesSkipped, "only the truly empty line");
    }

    [TestMethod]
    public void Open_ShouldKeepTheOnlyDataRow_WhenItIsAQuotedEmptyString()
    {
        using var reader = Open("a\n\"\"\n");

        Assert.IsTrue(reader.Read(), "not a header-only file");
        Assert.IsFalse(reader.Read());
    }

    private CsvTableReader Open(string content) => CsvTableReader.Open(_files.AddText("data.csv", content).Path, "data.csv");
}
