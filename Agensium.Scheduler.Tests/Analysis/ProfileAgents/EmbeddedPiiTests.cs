using System.Text;
using Agensium.Analysis.Profile;

namespace Agensium.Scheduler.Tests.Analysis.ProfileAgents;

/// <summary>score-risk's search for personal data inside free text (pii_in_text): what it finds, and at what cost.</summary>
[TestClass]
public sealed class EmbeddedPiiTests
{
    [TestMethod]
    public void Find_ShouldDoWorkLinearInTheValue_WhenACellHoldsThousandsOfNumbers()
    {
        // Review s38: a letterless cell of 100,000 space-separated numbers (FER2013 pixels) took 12.8 s in score-risk,
        // every phone-shaped match rescanning the whole cell for a letter. With words only at the end the same held
        // for a cell of number lists. The characters looked at must stay within a few times the characters read.
        var pixels = new StringBuilder();
        for (int i = 0; i < 100_000; i++)
        {
            pixels.Append(i % 256).Append(' ');
        }

        var lists = new StringBuilder();
        while (lists.Length < EmbeddedPii.MaxChars - 100)
        {
            lists.Append("101 102 103 104, ");
        }

        lists.Append("rooms free");

        foreach (string value in new[] { pixels.ToString(), lists.ToString() })
        {
            long steps = 0;
            Assert.IsNull(EmbeddedPii.Find(value, ref steps));
            int read = Math.Min(value.Length, EmbeddedPii.MaxChars);
            Assert.IsTrue(steps <= 4L * read, $"{steps} steps for {read} characters read");
        }
    }

    [TestMethod]
    [DataRow("Logged 2024-06-10 1430 by admin")]
    [DataRow("Termin am 10.06.2024 14.30 Uhr")]
    [DataRow("upgraded to 2023.10.15.1234 today")]
    [DataRow("Budget 125 000 000 EUR approved")]
    [DataRow("Paid EUR 12 345 678.90 today")]
    [DataRow("Price 1 234 567 890 VND")]
    [DataRow("Order no 123 456 789 shipped")]
    [DataRow("Won titles in 2019 2020 2021")]
    [DataRow("Shifts 0900 1300 1700 daily")]
    [DataRow("rooms 101 102 103 104 free")]
    [DataRow("Available in sizes 36 38 40 42 44")]
    [DataRow("Winning numbers 12 24 33 41 45")]
    [DataRow("See pp. 123-145 201-230")]
    [DataRow("readings 120.5 130.25 140.75 ok")]
    [DataRow("EAN 400 638 133 393 1")]
    [DataRow("SIREN 732 829 320 société")]
    [DataRow("VAT GB 123 4567 89 registered")]
    [DataRow("period 2023 06 2024 06 review")]
    [DataRow("see logo@2x.png for icon")]
    [DataRow("clone git@github.com:org/repo.git now")]
    [DataRow("clone git@gitlab.example.com:repo now")]
    [DataRow("push to deploy@host.example.com:apps/site.git now")]
    [DataRow("push to deploy@host.example.com:site.git now")]
    [DataRow("remote is ssh://git@gitlab.example.com:2222/group/repo.git now")] // review s39: a port made a remote an e-mail
    [DataRow("clone ssh://deploy@host.example.com:22/srv/app.git today")]
    [DataRow("build 10.0.19045.3930 installed")]
    [DataRow("Total 12 345 678,90 EUR")]
    [DataRow("located at 40.7128, -74.0060 near park")]
    [DataRow("Order 4006381 333931 shipped")]
    [DataRow("epoch 1717000000 started")]
    [DataRow("Open 08.00-12.00 13.00-17.00 weekdays")]
    [DataRow("Invoice 0012 3456 789 paid")]
    [DataRow("contact us about order 1234567890")]
    [DataRow("Order number: 555-123-4567 shipped")]      // review 3: "number" was the nearest word, and no identifier
    [DataRow("Invoice number 0301 234 5678 paid")]
    [DataRow("Auftragsnummer 0123 4567890 erfasst")]
    [DataRow("Artikelnummer 0123 456789 lieferbar")]
    [DataRow("Kundennr. 0123 4567890 aktiv")]
    [DataRow("Seriennummer 123-45-6789 defekt")]           // review s39: "Serial" was no SSN, its German compound was
    [DataRow("Bestellnummer 123-45-6789 versendet")]
    [DataRow("Artikelnr. 123-45-6789 lieferbar")]
    [DataRow("Part 123-45-6789 in stock")]               // s39: an SSN's layout behind a word naming another number
    [DataRow("Serial no. 123-45-6789 shipped")]
    [DataRow("Serial ABC 0123 456 789 shipped")]        // s39: trunk-0 layouts behind an identifier word were phones
    [DataRow("Batch 0042 17 3301 released")]
    [DataRow("Lot 0123 4567890 recalled")]
    [DataRow("Product 123-45-6789 shipped")]             // s41: a product's, a part's or a room's number in an SSN's layout
    [DataRow("P/N 123-45-6789 in stock")]
    [DataRow("S/N 123-45-6789 returned")]
    [DataRow("Room 123-45-6789 booked")]
    [DataRow("Qty (12)345-6789 units")]                  // s41: any figure in brackets was an area code
    [DataRow("Qty (12) 345 6789 units")]
    [DataRow("measured (12345) 678 901 units")]
    [DataRow("Pay to BE68 5390 0754 7034X by Friday")]  // no IBAN: joined to a letter
    [DataRow("key DE89 3704 0044 0532 0130 01 wrong")]   // the IBAN's layout, a wrong check digit
    public void Find_ShouldFindNothing_WhenTextHoldsFiguresThatAreNoPersonalData(string value)
    {
        // Review s38: each of these was a "phone" or an "email" (an IBAN a "phone"), and a column where one value in
        // ten reads so is +80 high risk.
        Assert.IsNull(EmbeddedPii.Find(value), value);
    }

    [TestMethod]
    [DataRow("call me at +15551234567 please", "phone")]
    [DataRow("Customer SMITH 555-123-4567", "phone")]    // review s39: capitals after an ID-type word are a name, not a code
    [DataRow("Case MILLER (555) 123-4567", "phone")]
    [DataRow("+1 5551234567 after six", "phone")]
    [DataRow("call me at 5551234567 please", "phone")]
    [DataRow("Tel +49 30 1234567 Büro", "phone")]
    [DataRow("Tel 030 1234567 Büro", "phone")]
    [DataRow("call +91 98765 43210 now", "phone")]
    [DataRow("Tel. 030/1234567 Büro", "phone")]
    [DataRow("Tel.555-123-4567", "phone")]
    [DataRow("call 555-123-4567x89 now", "phone")]
    [DataRow("call 555\u00A0123\u00A04567 now", "phone")]
    [DataRow("call 555\u2013123\u20134567 now", "phone")]
    [DataRow("call 555-123-4567 after 5", "phone")]
    [DataRow("call (555) 123-4567 after 5", "phone")]
    [DataRow("reach +44 20 7946 0958 office", "phone")]
    [DataRow("appeler 06 12 34 56 78 svp", "phone")]
    [DataRow("call 555.123.4567 now", "phone")]
    [DataRow("My number is 555-123-4567.", "phone")]
    [DataRow("Phone 555-123-4567, ask for Bob", "phone")]
    [DataRow("Phone:555-123-4567", "phone")]
    [DataRow("Call 555-123-4567 at 5:30", "phone")]
    [DataRow("office 020 7946 0958 London", "phone")]
    [DataRow("phone no 555-123-4567 ok", "phone")]
    [DataRow("Tel. Nr. 030 1234567", "phone")]
    [DataRow("phone number 555-123-4567 anytime", "phone")]
    [DataRow("Telefonnummer 030 1234567 Büro", "phone")]
    [DataRow("Handynummer 0171 2345678 bitte", "phone")]
    [DataRow("Telefonnummer 5551234567 bitte", "phone")]
    [DataRow("call (555)123-4567 after 5", "phone")]   // s39: no space after the area code
    [DataRow("my cell is (555)123-4567.", "phone")]
    [DataRow("office (020) 7946 0958 London", "phone")]
    [DataRow("office (0161) 496 0000 Manchester", "phone")]
    [DataRow("office +44 (0)20 7946 0958 London", "phone")]
    [DataRow("office +55 (11) 91234-5678 Brasil", "phone")]
    [DataRow("office +7 (495) 123-45-67 Moscow", "phone")]
    [DataRow("Cliente Maria (11) 91234-5678 ligou", "phone")] // review s41: a two-digit area code in brackets, no +55
    [DataRow("oficina (55) 1234 5678 México", "phone")]
    [DataRow("oficina (11) 4567-8901 Buenos Aires", "phone")]
    [DataRow("Büro (033203) 12345 Kleinmachnow", "phone")]  // a trunk 0 and a five-digit area code
    [DataRow("Device +44 7700 900123 reported stolen", "phone")] // review s41: a device's or a room's own line is a phone
    [DataRow("Room 0161 496 0000 reception", "phone")]
    [DataRow("Asset 555-123-4567 on call", "phone")]
    [DataRow("Room 12 guest SSN 123-45-6789 on file", "ssn")]
    [DataRow("SSN no 123-45-6789 on file", "ssn")]
    [DataRow("Patient 123-45-6789 on file", "ssn")]
    [DataRow("Patient ID 123-45-6789 on file", "ssn")]   // an ID or customer number in an SSN's layout may be the SSN
    [DataRow("Customer no 123-45-6789 on file", "ssn")]
    [DataRow("Sozialversicherungsnummer 123-45-6789", "ssn")]
    [DataRow("Pay to BE68 5390 0754 7034 by Friday", "iban")] // s38 left IBANs out; s39 reports them
    [DataRow("Pay to DE89 3704 0044 0532 0130 00 by Friday", "iban")]
    [DataRow("Konto NO93 8601 1117 947 takk", "iban")]
    [DataRow("IBAN GB82WEST12345698765432 please", "iban")]
    [DataRow("to GB82 WEST 1234 5698 7654 32 today", "iban")]
    [DataRow("to BE68 5390 0754 7034 SENT", "iban")]
    [DataRow("log in as user@example.com:8080 today", "email")] // s39: a port after the host was a "git remote"
    [DataRow("open https://bob@example.com:8443/app now", "email")]
    [DataRow("mail bob@example.com:urgent", "email")]
    [DataRow("SSN 123 45 6789 on file", "ssn")]
    [DataRow("SSN 123-45-6789 on file", "ssn")]
    [DataRow("mail john.doe@example.com today", "email")]
    [DataRow("write to a.b@example.co.uk.", "email")]
    public void Find_ShouldNameTheKind_WhenTextHoldsPersonalData(string value, string kind)
    {
        // Review s38: the phone numbers with a + and no groups, a trunk 0, Indian 5-5, a slash, an extension or
        // no-break/en-dash separators were missed; a spaced SSN was a "phone".
        Assert.AreEqual(kind, EmbeddedPii.Find(value), value);
    }

    [TestMethod]
    [DataRow("555-123-4567")]
    [DataRow("+44 20 7946 0958")]
    [DataRow("john.doe@example.com")]
    [DataRow("123-45-6789")]
    public void Find_ShouldFindNothing_WhenTheValueIsTheMatchAlone(string value)
    {
        // Bare values are AGENSIUM's whole-value patterns' (50 % rule), not text.
        Assert.IsNull(EmbeddedPii.Find(value), value);
    }
}
