namespace Agensium.Analysis.Profile;

/// <summary>
/// The words written before a number in free text, read right to left, that say what number it is: a word of its own
/// kind ("Tel", "call" before a phone number; "SSN" before a social security number) or a word naming another number
/// ("Order", "Invoice", "Part", "Serial", "Batch", ...) right before it. <see cref="PhoneInText"/> and
/// <see cref="EmbeddedPii"/>'s SSNs read them alike, so "Part 123-45-6789" is no SSN for the reason "Order
/// 555-123-4567" is no phone.
/// </summary>
internal static class NumberLabels
{
    // Characters before a number looked at for a word ("Tel.", "call me at").
    private const int Window = 24;

    // Letters of a word reaching past the window read further: no word looked for is longer.
    private const int MaxWord = 10;

    // An upper-case code between an identifier word and its digits ("Serial ABC 0123 456 789") has at most this many letters.
    private const int MaxCodeLetters = 6;

    // Words naming a number that is no phone, right before it, besides the goods words below: a reference, an account,
    // a customer's or a company's number.
    private static readonly HashSet<string> OtherIdentifierWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ref", "reference", "no", "nr", "nº", "id", "account", "acct", "case", "iban", "vat", "siren", "siret", "kvk",
        "customer", "kundennummer",
    };

    // Words naming a thing's number, not a person's: an SSN's layout behind one of them is that thing's ("Part
    // 123-45-6789", "Product 123-45-6789", "P/N 123-45-6789", "Room 123-45-6789"), and only behind one of them is a code of capitals read past ("Serial ABC 0123 456 789"; in
    // "Customer SMITH 555-123-4567" the capitals are a name). An ID, account, customer or case number in an SSN's
    // layout may be the person's SSN used as one.
    private static readonly HashSet<string> GoodsWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "order", "invoice", "inv", "part", "serial", "sku", "po", "tracking", "ticket", "ean", "isbn", "batch", "lot",
        "model", "item", "bestellung", "rechnung", "commande", "facture", "product", "prod", "pn", "p/n", "s/n",
        "article",
    };

    // Things whose number in an SSN's layout is theirs ("Room 123-45-6789", "Asset 123-45-6789"), but which have phone
    // numbers of their own: "Device +44 7700 900123" is the SIM's number, "Room 0161 496 0000" the room's line. Read as
    // goods words for SSNs only.
    private static readonly HashSet<string> PlaceWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "asset", "device", "room", "rm",
    };

    // German compounds naming a thing's number ("Seriennummer", "Bestellnr"), as "serial" and "order" do; a customer's,
    // an employee's or the social insurance number ("Kundennummer", "Sozialversicherungsnummer") may be the person's.
    private static readonly string[] GoodsCompoundStems =
    [
        "artikel", "serien", "bestell", "auftrag", "rechnung", "liefer", "sendung", "charge", "modell", "teile", "produkt",
    ];

    // The word for "number" itself, read past to the word that says which number it is.
    private static readonly HashSet<string> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "number", "num", "nummer", "numéro", "numero", "número",
    };

    /// <summary>
    /// Whether a word of the number's own kind (<paramref name="ownWord"/>) is among the few words before
    /// <paramref name="start"/> ("Tel.", "call me at", "SSN no"), and whether the nearest word names another number
    /// ("contact us about order 1234567890", "Invoice 0012 3456 789", "Part 123-45-6789"). The word for "number" is
    /// read past to the word before it ("Order number: …"); a German compound ending in one ("Auftragsnummer",
    /// "Kundennr") names another number unless it is of the own kind ("Telefonnummer" for a phone). An upper-case code
    /// right before the digits is read past to the word before it: "Serial ABC 0123 456 789" is the serial's, not a phone.
    /// <paramref name="steps"/> grows by the characters looked at. When <paramref name="cancels"/> is given, an
    /// identifier word counts only if it or the word right before it is one of those: an SSN behind "Part" or "Serial no"
    /// is the part's or the serial's, behind "Patient ID" or "Customer no" it may well be the person's own.
    /// </summary>
    public static (bool Own, bool Identifier) WordsBefore(string text, int start, Func<string, bool> ownWord, ref long steps,
        Func<string, bool>? cancels = null)
    {
        int from = Math.Max(0, start - Window);
        int i = start - 1;
        bool nearest = true;
        bool codeRead = false;
        bool identifier = false;
        string? identifierWord = null;
        while (i >= from)
        {
            steps++;
            if (!char.IsLetter(text[i]))
            {
                i--;
                continue;
            }

            int wordEnd = i + 1;
            while (i >= 0 && i >= from - MaxWord && char.IsLetter(text[i]))
            {
                steps++;
                i--;
            }

            string word = text[(i + 1)..wordEnd];

            // "P/N", "S/N": a part's or a serial's number abbreviated with a slash is one word.
            if (word.Length == 1 && i >= 1 && text[i] == '/' && char.IsLetter(text[i - 1]) && (i < 2 || !char.IsLetter(text[i - 2])))
            {
                word = text[(i - 1)..wordEnd];
                i -= 2;
            }
            if (ownWord(word))
            {
                return (true, false);
            }

            // "phone no 555-123-4567": a number word right after a word of the own kind is that number's.
            if (identifier)
            {
                return (false, cancels is null || cancels(identifierWord!) || cancels(word));
            }

            if (nearest && NumberWords.Contains(word))
            {
                continue;
            }

            if (nearest && (IsIdentifierWord(word) || (cancels is not null && PlaceWords.Contains(word))) && (!codeRead || IsGoodsWord(word)))
            {
                identifier = true;
                identifierWord = word;
                nearest = false;
                continue;
            }

            if (nearest && !codeRead && IsCode(word))
            {
                codeRead = true;
                continue;
            }

            nearest = false;
        }

        return (false, identifier && (cancels is null || cancels(identifierWord!)));
    }

    /// <summary>A word naming a thing's number (order, part, serial, "Seriennummer"), not a person's.</summary>
    public static bool IsGoodsWord(string word) => GoodsWords.Contains(word) || PlaceWords.Contains(word)
        || (EndsInNumber(word) && GoodsCompoundStems.Any(stem => word.StartsWith(stem, StringComparison.OrdinalIgnoreCase)));

    private static bool IsIdentifierWord(string word) => GoodsWords.Contains(word) || OtherIdentifierWords.Contains(word) || EndsInNumber(word);

    /// <summary>A German compound naming a number: "Auftragsnummer", "Artikelnr", "Telefonnummer".</summary>
    public static bool EndsInNumber(string word) =>
        word.Length > 6 && (word.EndsWith("nummer", StringComparison.OrdinalIgnoreCase) || word.EndsWith("nr", StringComparison.OrdinalIgnoreCase));

    // A short word of capitals, part of an identifier written before its digits ("ABC 0123 456 789").
    private static bool IsCode(string word)
    {
        if (word.Length > MaxCodeLetters)
        {
            return false;
        }

        foreach (char c in word)
        {
            if (!char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }
}
