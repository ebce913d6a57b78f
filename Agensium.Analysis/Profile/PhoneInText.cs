namespace Agensium.Analysis.Profile;

/// <summary>
/// A phone number written inside free text, judged from how phone numbers are written rather than from "some groups of
/// digits": prose is full of grouped figures (amounts "125 000 000 EUR", dates and times "10.06.2024 14.30", versions
/// "2023.10.15.1234", lists "rooms 101 102 103 104", identifiers "SIREN 732 829 320") that the earlier rule, three
/// groups of 9–15 digits, called phones. A run of digit groups (joined by one space, no-break space, '-', en dash, '.'
/// or '/') of 9–15 digits in all is a phone when it has
/// <list type="bullet">
/// <item>a +country code ("+44 20 7946 0958", "+15551234567") or an (area code) ("(555) 123-4567", "(555)123-4567",
/// "(020) 7946 0958", "+55 (11) 91234-5678"; three digits, a trunk 0 and up to four more, or after a +country code up to
/// four digits: "Qty (12)345-6789" is no phone);</item>
/// <item>a phone layout: North American 3-3-4 ("555-123-4567", area code not starting with 0 or 1, optionally after a
/// 1), or a trunk 0 before the area code ("030 1234567", "020 7946 0958", "06 12 34 56 78", "0049 30 1234567");</item>
/// <item>or a phone word just before it (tel, phone, call, mobile, fax, Handy, tél, ...): then any grouping, also one
/// run of digits ("call me at 5551234567"). A bare ten-digit run without such a word stays unread: in text it is as
/// often an order number, an epoch time or an account number.</item>
/// </list>
/// Whatever the layout, a run is not a phone when it is joined to a letter, a digit or a decimal point, mixes separators
/// ("12 345 678.90", "2024-06-10 1430"), holds a date, is three or more groups of one length without a + ("2019 2020
/// 2021", "0900 1300 1700"; a French 2-2-2-2-2 with its trunk 0 excepted) or stands next to a currency. A run after
/// letters ("BE68 5390 0754 7034", an IBAN) is joined to them and so is no phone. An extension ("x89", "ext. 12") may
/// follow. A word naming another number right before the run ("order", "invoice", "ref", "no", "serial", "batch"; also
/// before an upper-case code, "Serial ABC 0123 456 789") makes it no phone (<see cref="NumberLabels"/>).
/// The text is read once, left to right: each character is looked at a bounded number of times.
/// </summary>
internal static class PhoneInText
{
    // E.164: at most 15 digits; fewer than 9 are extensions, amounts, years.
    private const int MinDigits = 9;
    private const int MaxDigits = 15;

    // Groups a run may have before it is a list of figures rather than a phone number.
    private const int MaxGroups = 6;

    private static readonly HashSet<string> PhoneWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "tel", "tél", "tele", "telephone", "téléphone", "telefon", "telefono", "teléfono", "telf", "phone", "ph", "call",
        "called", "calling", "mobile", "mob", "mobil", "móvil", "cell", "cellphone", "fax", "handy", "whatsapp", "sms",
        "text", "ring", "rufnummer", "portable", "contact", "reach", "reachable", "dial",
    };

    // A compound naming a phone's number: "Telefonnummer", "Handynummer", "Faxnr".
    private static bool IsPhoneCompound(string word) => NumberLabels.EndsInNumber(word) && StartsWithPhoneWord(word);

    private static bool StartsWithPhoneWord(string word)
    {
        foreach (var p in PhoneWords)
        {
            if (p.Length >= 3 && word.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsPhoneWord(string word) => PhoneWords.Contains(word) || IsPhoneCompound(word);

    private static readonly HashSet<string> CurrencyCodes = new(StringComparer.Ordinal)
    {
        "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "VND", "INR", "AUD", "CAD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
        "RUB", "BRL", "MXN", "ZAR", "KRW", "IDR", "TRY", "NZD", "SGD", "HKD", "THB", "PHP", "ARS", "CLP", "COP",
    };

    /// <summary>
    /// True when <paramref name="text"/> holds a phone number with a letter outside it; <paramref name="letters"/> is
    /// the number of letters in the text (counted once by the caller). <paramref name="steps"/> grows by the
    /// characters looked at.
    /// </summary>
    public static bool Contains(string text, int letters, ref long steps)
    {
        int i = 0;
        while (i < text.Length)
        {
            steps++;
            char c = text[i];
            bool starts = char.IsAsciiDigit(c) || (c is '+' or '(' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]));
            if (!starts)
            {
                i++;
                continue;
            }

            int end = ReadRun(text, i, out Run run, ref steps);
            if (IsPhone(text, i, end, run, letters, ref steps))
            {
                return true;
            }

            i = Math.Max(end, i + 1);
        }

        return false;
    }

    // The groups of one run of digits starting at start; returns the index after it. Every run is read to its end, so
    // a rejected run is never read again from one of its inner groups.
    private static int ReadRun(string text, int start, out Run run, ref long steps)
    {
        run = new Run { Plus = text[start] == '+' };
        int i = run.Plus ? start + 1 : start;
        while (i < text.Length)
        {
            bool paren = text[i] == '(';
            if (paren && (run.Groups > 0 || !(i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
            {
                break;
            }

            int g = paren ? i + 1 : i;
            while (g < text.Length && char.IsAsciiDigit(text[g]))
            {
                steps++;
                g++;
            }

            if (paren)
            {
                if (g >= text.Length || text[g] != ')')
                {
                    break;
                }

                run.Paren = true;
            }

            run.Add(text.AsSpan(paren ? i + 1 : i, g - (paren ? i + 1 : i)));
            i = paren ? g + 1 : g;
            if (i + 1 < text.Length && SeparatorKind(text[i]) is char kind && char.IsAsciiDigit(text[i + 1]))
            {
                run.AddSeparator(kind, afterLead: run.Groups == 1 && (run.Plus || run.Paren));
                i++;
                continue;
            }

            // "(555) 123-4567" and "(555)123-4567": the area code's parenthesis separates it from the number.
            if (paren && i < text.Length && char.IsAsciiDigit(text[i]))
            {
                continue;
            }

            if (paren && i + 1 < text.Length && text[i] == ' ' && char.IsAsciiDigit(text[i + 1]))
            {
                i++;
                continue;
            }

            break;
        }

        return i;
    }

    private static bool IsPhone(string text, int start, int end, Run run, int letters, ref long steps)
    {
        if (run.Digits is < MinDigits or > MaxDigits || run.Groups > MaxGroups || run.Groups == 0)
        {
            return false;
        }

        var (phoneWord, identifierWord) = NumberLabels.WordsBefore(text, start, IsPhoneWord, ref steps);
        if (identifierWord || JoinedBefore(text, start, run.Plus, phoneWord) || CurrencyBefore(text, start))
        {
            return false;
        }

        int after = SkipExtension(text, end, out int extensionLetters);
        if (JoinedAfter(text, after) || CurrencyAfter(text, after) || letters - extensionLetters <= 0)
        {
            return false;
        }

        if (run.MixedSeparators || run.HoldsDate())
        {
            return false;
        }

        if (run.Plus || (run.Paren && run.AreaCodeInBrackets(AfterCountryCode(text, start))))
        {
            return true;
        }

        if (run.EqualGroups() && !run.IsFrenchLayout())
        {
            return false;
        }

        return run.IsNorthAmerican() || run.HasTrunkZero() || phoneWord;
    }

    // "+55 (11) …", "+44 (0)20 …": the (area code) run is read apart from the +country code written before it.
    private static bool AfterCountryCode(string text, int start)
    {
        int i = start - 1;
        if (i >= 0 && SeparatorKind(text[i]) == ' ')
        {
            i--;
        }

        int digits = 0;
        while (i >= 0 && digits <= 3 && char.IsAsciiDigit(text[i]))
        {
            digits++;
            i--;
        }

        return digits is >= 1 and <= 3 && i >= 0 && text[i] == '+' && (i == 0 || !char.IsLetterOrDigit(text[i - 1]));
    }

    // A letter, digit or figure punctuation right before the run makes it part of something else (an IBAN "BE68 …",
    // an amount "1,234", a range "12-345", a path "/123"); "Tel.555-123-4567" and "Phone:555…" are written as phones.
    private static bool JoinedBefore(string text, int start, bool plus, bool phoneWord)
    {
        if (start == 0)
        {
            return false;
        }

        char p = text[start - 1];
        if (char.IsLetterOrDigit(p) || p is '_' or ',' or '/' or '-' or '\u2013' or '#' || (p == '+' && !plus))
        {
            return true;
        }

        if (p == '.')
        {
            return !(phoneWord && start >= 2 && char.IsLetter(text[start - 2]));
        }

        return p == ':' && start >= 2 && char.IsAsciiDigit(text[start - 2]);
    }

    // A letter or digit right after the run, or a decimal point, comma or colon before more digits (12.50, 14:05).
    private static bool JoinedAfter(string text, int after)
    {
        if (after >= text.Length)
        {
            return false;
        }

        char f = text[after];
        if (char.IsLetterOrDigit(f) || f is '%' or '_')
        {
            return true;
        }

        return f is '.' or ',' or ':' && after + 1 < text.Length && char.IsAsciiDigit(text[after + 1]);
    }

    // "x89", " x 89", "ext. 12", "ext 12" after a phone number; returns the index after it, or end when none.
    private static int SkipExtension(string text, int end, out int letters)
    {
        letters = 0;
        int i = end;
        if (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        int word = i;
        if (i < text.Length && text[i] is 'x' or 'X')
        {
            i++;
        }
        else if (i + 3 <= text.Length && text.AsSpan(i, 3).Equals("ext", StringComparison.OrdinalIgnoreCase))
        {
            i += 3;
            if (i < text.Length && text[i] == '.')
            {
                i++;
            }
        }
        else
        {
            return end;
        }

        int wordLetters = i - word - (i > word && text[i - 1] == '.' ? 1 : 0);
        if (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        int digits = i;
        while (i < text.Length && i - digits < 6 && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i - digits is 0 or > 5)
        {
            return end;
        }

        letters = wordLetters;
        return i;
    }

    private static bool CurrencyBefore(string text, int start)
    {
        int i = start - 1;
        if (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        return i >= 0 && (IsCurrencySymbol(text[i]) || (i >= 2 && CurrencyCodeAt(text, i - 2) && (i < 3 || !char.IsLetter(text[i - 3]))));
    }

    private static bool CurrencyAfter(string text, int after)
    {
        int i = after;
        if (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i < text.Length && (IsCurrencySymbol(text[i]) || (CurrencyCodeAt(text, i) && (i + 3 >= text.Length || !char.IsLetter(text[i + 3]))));
    }

    private static bool IsCurrencySymbol(char c) => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.CurrencySymbol;

    private static bool CurrencyCodeAt(string text, int i) => i >= 0 && i + 3 <= text.Length && CurrencyCodes.Contains(text.Substring(i, 3));

    // Separators a phone number is written with, by kind: spaces (also no-break and thin spaces), dashes (also the
    // en dash and the non-breaking hyphen), dots, slashes.
    private static char? SeparatorKind(char c) => c switch
    {
        ' ' or '\u00A0' or '\u202F' or '\u2009' => ' ',
        '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' => '-',
        '.' => '.',
        '/' => '/',
        _ => null,
    };

    // The digit groups of one run: lengths and first digits of at most MaxGroups + 1 groups (a longer run is rejected).
    private struct Run
    {
        private const int Kept = MaxGroups + 1;
        private char _bodySeparator;

        public bool Plus;
        public bool Paren;
        public int Groups;
        public int Digits;
        public bool MixedSeparators;
        private GroupList _list;

        public void Add(ReadOnlySpan<char> group)
        {
            if (Groups < Kept)
            {
                _list[Groups] = (group.Length, group.Length > 0 ? group[0] : '0', Value(group));
            }

            Groups++;
            Digits += group.Length;
        }

        // Separators after the +country code or (area code) may differ from the body's: "+44 20-7946", "(555) 123-4567".
        public void AddSeparator(char kind, bool afterLead)
        {
            if (afterLead)
            {
                return;
            }

            if (_bodySeparator == default)
            {
                _bodySeparator = kind;
            }
            else if (_bodySeparator != kind)
            {
                MixedSeparators = true;
            }
        }

        public readonly bool EqualGroups()
        {
            if (Groups < 3 || Groups > Kept)
            {
                return false;
            }

            for (int g = 1; g < Groups; g++)
            {
                if (_list[g].Length != _list[0].Length)
                {
                    return false;
                }
            }

            return true;
        }

        // The group in brackets is an area code: North America's three digits "(555)", a trunk 0 with an area code of up
        // to five digits ("(020)", "(0161)", "(02)", "(0)", "(033203)"), two digits before a subscriber number of four or
        // five digits and four (Brazil's "(11) 91234-5678", Mexico City's "(55) 1234 5678", Buenos Aires' "(11)
        // 4567-8901"), or, after a +country code, up to four digits ("+55 (11)", "+7 (495)"). Other figures in brackets
        // are no area code: "Qty (12)345-6789", "(12) 345 6789", "(12345) 678 901".
        public readonly bool AreaCodeInBrackets(bool afterCountryCode) =>
            afterCountryCode ? _list[0].Length is >= 1 and <= 4
            : _list[0].Length == 3 || (_list[0].First == '0' && _list[0].Length <= 6)
                || (_list[0].Length == 2 && Groups == 3 && _list[1].Length is 4 or 5 && _list[2].Length == 4);

        // 06 12 34 56 78: five pairs after a trunk 0.
        public readonly bool IsFrenchLayout() => Groups == 5 && EqualGroups() && _list[0].Length == 2 && _list[0].First == '0';

        // 555-123-4567 or 1-555-123-4567: an area code does not start with 0 or 1.
        public readonly bool IsNorthAmerican()
        {
            int g = Groups == 4 && _list[0].Length == 1 && _list[0].First == '1' ? 1 : 0;
            return Groups - g == 3 && _list[g].Length == 3 && _list[g + 1].Length == 3 && _list[g + 2].Length == 4
                && _list[g].First is >= '2' and <= '9';
        }

        // 030 1234567, 020 7946 0958, 0207 946 0958, 07700 900123, 0049 30 1234567: a trunk 0 (or the 00 of an
        // international call) and an area code of at most five digits, then the subscriber number.
        public readonly bool HasTrunkZero() => Groups is >= 2 and <= 5 && _list[0].First == '0' && _list[0].Length is >= 2 and <= 5;

        // Three groups reading as a date anywhere in the run: yyyy mm dd or dd mm yyyy (also d m yyyy).
        public readonly bool HoldsDate()
        {
            int kept = Math.Min(Groups, Kept);
            for (int g = 0; g + 2 < kept; g++)
            {
                var (a, b, c) = (_list[g], _list[g + 1], _list[g + 2]);
                bool ymd = a.Length == 4 && IsYear(a.Value) && b.Length <= 2 && c.Length <= 2 && IsMonthDay(b.Value, c.Value);
                bool dmy = c.Length == 4 && IsYear(c.Value) && a.Length <= 2 && b.Length <= 2
                    && (IsMonthDay(b.Value, a.Value) || IsMonthDay(a.Value, b.Value));
                if (ymd || dmy)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsYear(long v) => v is >= 1900 and <= 2099;

        private static bool IsMonthDay(long month, long day) => month is >= 1 and <= 12 && day is >= 1 and <= 31;

        private static long Value(ReadOnlySpan<char> group)
        {
            long v = 0;
            foreach (char c in group[..Math.Min(group.Length, 6)])
            {
                v = (v * 10) + (c - '0');
            }

            return v;
        }
    }

    [System.Runtime.CompilerServices.InlineArray(MaxGroups + 1)]
    private struct GroupList
    {
        private (int Length, char First, long Value) _element;
    }
}
