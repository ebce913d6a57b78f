namespace Agensium.Analysis.Master;

/// <summary>
/// Weighted record similarity 0–100 (AGENSIUM 5.3): Σ wᵢ·simᵢ / Σ wᵢ over match keys, except that a key blank in
/// either row scores 50 rather than 0 (see <see cref="Score"/>), and a first and a last name are also compared crossed
/// (swapped names). Per field: empty 0, equal 100;
/// names 0.8·Jaro-Winkler·100 + 0.2·(Soundex equal ? 100 : 0); address token-sort ratio; zip and birth date exact;
/// phones of equal length the share of equal digit positions (unrelated numbers share long subsequences of a
/// 10-symbol alphabet, so the Indel ratio would rate them ~50); two e-mails at one provider whose local parts differ only
/// in their digits <see cref="BlankSimilarity"/> (two accounts of one name, see <see cref="DifferOnlyInDigits"/> and
/// <see cref="OtherNumberAtOneProvider"/>); else Indel ratio. The AGENSIUM weights and the
/// threshold stay the defaults; a second departure: blank fields are left out of the score altogether when the rows agree
/// on values rare in the data itself and nothing filled disagrees (frequency-based evidence, see <see cref="Score"/> and
/// <see cref="ChanceMatches"/>), so a rare name with its birth date joins its record that lacks e-mail and phone while
/// namesakes sharing a common name and an initial-based e-mail still need the ordinary score. A third: first names that
/// are both given and unlike, with no e-mail in common, keep two rows apart whatever the score (household members,
/// see <see cref="FirstNamesContradict"/>); without a first-name field the first names are read from a full name
/// (<see cref="GivenName"/>).
/// </summary>
public sealed class RecordMatcher
{
    private readonly IReadOnlyList<MatchField> _fields;
    private readonly double _totalWeight;
    private readonly int[][] _units;
    private readonly double[] _weights; // the fields' weights and kinds as arrays: read per compared pair
    private readonly MatchFieldKind[] _kinds;
    private readonly int _first;
    private readonly int _last;

    // A full-name field when there is no first-name field: the given names the two rules below read come from it.
    private readonly int _full;
    private readonly bool _organization; // an organisation-name field among the fields

    /// <summary>Creates a matcher over <paramref name="fields"/>.</summary>
    public RecordMatcher(IReadOnlyList<MatchField> fields)
    {
        _fields = fields;
        _totalWeight = fields.Sum(f => f.Weight);
        _weights = [.. fields.Select(f => f.Weight)];
        _kinds = [.. fields.Select(f => f.Kind)];
        _organization = _kinds.Contains(MatchFieldKind.Organization);
        // Comparison units: one first-name and one last-name field form one unit (compared straight
        // and crossed, for swapped names); every other field is a unit of its own.
        int first = Single(fields, MatchFieldKind.FirstName);
        int last = Single(fields, MatchFieldKind.LastName);
        (_first, _last) = (first, last);
        _full = first < 0 ? Single(fields, MatchFieldKind.FullName) : -1;
        var units = Enumerable.Range(0, fields.Count).Where(i => first < 0 || last < 0 || (i != first && i != last)).Select(i => new[] { i }).ToList();
        if (first >= 0 && last >= 0)
        {
            units.Add([first, last]);
        }

        // Cheap comparisons first (exact and digit-wise kinds, then text ratios, then names), heaviest first within a
        // class: a pair whose birth date and phone already disagree is rejected before any name is compared.
        _units = [.. units.OrderBy(u => u.Max(i => Cost(fields[i].Kind))).ThenByDescending(u => u.Sum(i => fields[i].Weight))];
    }

    /// <summary>The match fields.</summary>
    public IReadOnlyList<MatchField> Fields => _fields;

    /// <summary>
    /// This matcher, or one whose fields blank in every row of <paramref name="p"/> weigh nothing: a column that holds
    /// no value tells no two rows together or apart, while at <see cref="BlankSimilarity"/> for every pair it would only
    /// pull every score towards 50 (an empty e-mail column among the automatic keys: 40 of the weight).
    /// </summary>
    public RecordMatcher WithoutEmptyFields(PreparedFields p)
    {
        var empty = Enumerable.Range(0, _fields.Count).Where(f => _weights[f] > 0 && p.Filled(f) == 0).ToList();
        if (empty.Count == 0 || empty.Count == _fields.Count)
        {
            return this;
        }

        EmptyFields = [.. empty.Select(f => _fields[f].Name)];
        return new RecordMatcher([.. _fields.Select((f, i) => empty.Contains(i) ? f with { Weight = 0 } : f)]) { EmptyFields = EmptyFields };
    }

    /// <summary>The fields <see cref="WithoutEmptyFields"/> found blank in every row and left out.</summary>
    public IReadOnlyList<string> EmptyFields { get; private set; } = [];

    /// <summary>Normalised values (and phonetic codes for names) of every row of <paramref name="table"/>.</summary>
    public PreparedFields Prepare(MasterTable table, CancellationToken cancellationToken) => PreparedFields.Of(table, _fields, cancellationToken);

    /// <summary>Similarity given to a field that is blank in either row: no evidence either way, the midpoint.</summary>
    public const double BlankSimilarity = 50;

    /// <summary>
    /// Blank fields are left out of the score (instead of scoring <see cref="BlankSimilarity"/>) only when the fields
    /// filled on both sides carry at least this share of the total weight, and see <see cref="MaxChanceMatches"/>.
    /// </summary>
    public const double MinFilledShare = 0.5;

    /// <summary>
    /// Blank fields are left out of the score only when the values the two rows agree on are rare enough that the
    /// whole table is expected to hold fewer than this many other rows agreeing with them by chance (Fellegi–Sunter
    /// style u-probabilities from the data itself: rows holding the value / rows with the field filled; see
    /// <see cref="ChanceMatches"/>).
    /// </summary>
    public const double MaxChanceMatches = 0.01;

    /// <summary>Two filled values agree (for <see cref="ChanceMatches"/>) at this similarity or more.</summary>
    public const double AgreeSimilarity = 85;

    /// <summary>
    /// First names below this similarity (0.8·Jaro-Winkler + the Soundex bonus) are two different names, e.g. Olivia /
    /// Sophia (53); transliterations such as Lee / Li (69) and Mohamed / Muhammad stay above it.
    /// </summary>
    public const double UnlikeFirstNames = 60;

    /// <summary>
    /// Blank fields are left out of the score only when every filled field reaches this similarity (names straight or
    /// crossed): nothing speaks against the match.
    /// </summary>
    public const double FilledFloor = 70;

    /// <summary>
    /// Weighted similarity 0–100 of two prepared rows: Σ wᵢ·simᵢ / Σ wᵢ, where a field blank in either row scores
    /// <see cref="BlankSimilarity"/> (a missing value is no disagreement, nor an agreement) — unless the filled fields
    /// carry ≥ <see cref="MinFilledShare"/> of the weight, every filled field agrees (≥ <see cref="FilledFloor"/>) and
    /// the agreeing values are rare (<see cref="ChanceMatches"/> &lt; <see cref="MaxChanceMatches"/>): then the blank
    /// fields are left out (Σ over filled fields / their weight), when that scores higher. Agreement on a common
    /// value ("Smith", an initial-based "jsmith@gmail.com") does not forgive the blanks; on a rare combination it does.
    /// Two e-mails that are two accounts (numbered at one provider, or at two with a common name, see
    /// <see cref="CommonName"/>) count as a blank here: no evidence either way, not a disagreement.
    /// </summary>
    public double Score(PreparedFields p, int a, int b)
    {
        if (_totalWeight <= 0)
        {
            return 0;
        }

        double sum = 0;
        double blank = 0;
        foreach (var unit in _units)
        {
            sum += UnitSum(unit, p, a, b, ref blank);
        }

        double score = sum / _totalWeight;
        if (blank > 0 && Renormalised(sum, blank) is var renormalised && renormalised > score
            && ((CanLeaveOutBlanks(blank) && RareAgreement(p, a, b)) || (SoleMailbox(p, a, b) && NothingDisagrees(p, a, b))))
        {
            return renormalised;
        }

        return score;
    }

    /// <summary>
    /// True when the rows hold one e-mail mailbox (<see cref="PreparedFields.MailboxId"/>: case, +tag, googlemail.com and a
    /// gmail.com name's dots aside, nothing else; the value scored drops all punctuation) that no other row of the table holds. An
    /// address delivers to one mailbox: the same one in two rows, and in no third, is strong evidence of one entity by
    /// itself, whatever weight the blank fields beside it carry — a row giving only an e-mail is the record of the row
    /// giving that e-mail and a name (scored 65 with the blanks at 50, and its e-mail's 40 of 130 was too small a share
    /// for leaving them out). Blanks are then left out when nothing filled disagrees (<see cref="NothingDisagrees"/>).
    /// Held by a third row, the mailbox may be a household's or an office's: the ordinary rules decide. A lone name is no
    /// such evidence (many people share one) and still needs <see cref="RareAgreement"/>.
    /// </summary>
    public bool SoleMailbox(PreparedFields p, int a, int b)
    {
        for (int i = 0; i < _kinds.Length; i++)
        {
            // The mailbox's other row when two rows hold it: the same as a mailbox id of a, not 0, that b holds too and
            // two rows hold in all (PreparedFields.MailboxId, MailboxCount), in one read.
            if (_kinds[i] == MatchFieldKind.Email && _weights[i] > 0 && p.SolePartner(a, i) is var partner and >= 0 && (partner == b || a == b))
            {
                return true;
            }
        }

        return false;
    }

    // Every field filled on both sides agrees (names straight or crossed; see ChanceMatches, infinite otherwise).
    private bool NothingDisagrees(PreparedFields p, int a, int b) => !double.IsPositiveInfinity(ChanceMatches(p, a, b));

    /// <summary>
    /// True when the rows match: <see cref="Score"/> would be ≥ <paramref name="threshold"/>, their first names do not
    /// say they are two people (<see cref="FirstNamesContradict"/>, <see cref="EmailsNameTwoPeople"/>) and their
    /// contacts do not either (two e-mails and two phones, nothing agreeing: see <see cref="ClearlyApart"/>).
    /// </summary>
    public bool Reaches(PreparedFields p, int a, int b, double threshold) =>
        ReachesScore(p, a, b, threshold) && !FirstNamesContradict(p, a, b) && !EmailsNameTwoPeople(p, a, b) && !IdentifiersDisagree(p, a, b)
        && !OrganizationNamesContradict(p, a, b);

    // True when a space-separated word of a is one of b.
    private static bool SharesWord(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        foreach (var x in a.Split(' '))
        {
            foreach (var y in b.Split(' '))
            {
                if (a[x].SequenceEqual(b[y]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Likeness (token-sort ratio) the cores of two organisation names need, when both are given, to be one organisation.</summary>
    public const double OrganizationNameFloor = 85;

    /// <summary>
    /// True when two rows name two organisations: the names without their legal forms are unlike (below
    /// <see cref="OrganizationNameFloor"/>: Johnson &amp; Johnson / Johnson Controls, Alpha Holdings / Beta Holdings), or
    /// both give a legal form and they differ (Siemens AG / Siemens GmbH; Inc and Corp count as one). Companies of one
    /// building share its address and switchboard, which outweighed a name of weight 35; a name without a legal form is
    /// no evidence either way.
    /// </summary>
    public bool OrganizationNamesContradict(PreparedFields p, int a, int b)
    {
        for (int i = 0; _organization && i < _kinds.Length; i++)
        {
            if (_kinds[i] != MatchFieldKind.Organization || Blank(p, a, b, i) || p.Id(a, i) == p.Id(b, i))
            {
                continue;
            }

            // The codes hold "core␟forms" (MatchNormalizer.OrganizationCode), worked out once per distinct name.
            string codeA = p.Code(a, i), codeB = p.Code(b, i);
            int sa = codeA.IndexOf('\u001f'), sb = codeB.IndexOf('\u001f');
            var coreA = codeA.AsSpan(0, sa);
            var coreB = codeB.AsSpan(0, sb);
            var formsA = codeA.AsSpan(sa + 1);
            var formsB = codeB.AsSpan(sb + 1);
            if ((!coreA.IsEmpty && !coreB.IsEmpty && !coreA.SequenceEqual(coreB)
                    && StringSimilarity.IndelRatio(coreA.ToString(), coreB.ToString()) < OrganizationNameFloor)
                || (!formsA.IsEmpty && !formsB.IsEmpty && !SharesWord(formsA, formsB)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A pair scoring this much or more below the threshold, whose fields filled on both sides do not reach the
    /// threshold either, is clearly two entities (see <see cref="ClearlyApart"/>).
    /// </summary>
    public const double ClearMargin = 10;

    /// <summary>
    /// True when rows a and b are clearly two entities, so that links through other rows must not put them in one
    /// cluster (<see cref="EntityResolver"/>): an e-mail and a phone are filled on both sides and each disagrees
    /// (below <see cref="FilledFloor"/>), with no e-mail, phone or birth date agreeing — two contact sets of two people
    /// (one person's home and work contacts share a birth date); or their e-mails say they are two people
    /// (<see cref="EmailsNameTwoPeople"/>), or their first names do (<see cref="FirstNamesContradict"/>) and each row
    /// gives an e-mail of its own; or the pair scores <see cref="ClearMargin"/> or more
    /// below <paramref name="threshold"/> and the fields both rows fill score below it too — a disagreement, not just
    /// blanks (a record with little filled in scores low against everyone and contradicts no one).
    /// </summary>
    public bool ClearlyApart(PreparedFields p, int a, int b, double threshold)
    {
        // Two people of one household, each with a mailbox of their own, are not joined through a third row either:
        // "Noël Faure" and "Ines Faure" of one landline and address, each linked to "N. Faure" (an initial, no first name
        // to contradict), were one record. Only with both e-mails given and different: a row without one may be the
        // other's record under a transliteration or typo that the third row bridges (Omar Khalid / Umar at one e-mail).
        if (IdentifiersDisagree(p, a, b) || OrganizationNamesContradict(p, a, b) || EmailsNameTwoPeople(p, a, b)
            || (OwnMailboxes(p, a, b) && FirstNamesContradict(p, a, b)))
        {
            return true;
        }

        double sum = 0, blank = 0;
        foreach (var unit in _units)
        {
            sum += UnitSum(unit, p, a, b, ref blank, saysNothingIsBlank: false);
        }

        return _totalWeight > 0 && sum / _totalWeight < threshold - ClearMargin
            && blank < _totalWeight && Renormalised(sum, blank) < threshold;
    }

    // True when the rows give e-mails (an e-mail field filled on both sides) and no e-mail of one is, or is like, the other's.
    private bool OwnMailboxes(PreparedFields p, int a, int b)
    {
        bool both = false;
        for (int i = 0; i < _kinds.Length; i++)
        {
            if (_kinds[i] != MatchFieldKind.Email || Blank(p, a, b, i))
            {
                continue;
            }

            if (p.Id(a, i) == p.Id(b, i) || Similarity(p, a, b, i) >= FilledFloor)
            {
                return false; // one mailbox, or one written two ways
            }

            both = true;
        }

        return both;
    }

    // An e-mail and a phone filled on both sides and each below FilledFloor, and no identifier (e-mail, phone, birth
    // date) agreeing.
    private bool IdentifiersDisagree(PreparedFields p, int a, int b)
    {
        bool email = false, phone = false;
        for (int i = 0; i < _kinds.Length; i++)
        {
            if (!PreparedFields.IsIdentifier(_kinds[i]) || Blank(p, a, b, i))
            {
                continue;
            }

            if (p.Id(a, i) == p.Id(b, i) || Similarity(p, a, b, i) >= FilledFloor)
            {
                return false;
            }

            email |= _kinds[i] == MatchFieldKind.Email;
            phone |= _kinds[i] == MatchFieldKind.Phone;
        }

        return email && phone;
    }

    /// <summary>
    /// Two people of one household often share surname, address and phone, and have first names alike enough to pass
    /// <see cref="FirstNamesContradict"/> (Daniel / Danielle, Paul / Paula, John / Joan, Christopher / Christina). Their
    /// e-mail addresses then tell them apart when they follow one pattern at one provider (daniel.garcia@gmail.com,
    /// danielle.garcia@gmail.com): each begins with its own row's first name (or a shortening of it, "chris") and only
    /// those words differ. Addresses at different providers say nothing here: one person's records in two systems often
    /// carry an address each system made from its own spelling (mike.brown@work.com, michael.brown@email.com). Not when
    /// the first names are a name and its nickname-like shortening (Dan / Daniel: one person's two addresses) or one name
    /// spelt two ways (Jon / John), nor when a word fits both names. John / Joan is one edit too, and stays a limit of
    /// this rule.
    /// </summary>
    public bool EmailsNameTwoPeople(PreparedFields p, int a, int b)
    {
        if (!GivenNames(p, a, b, out var na, out var nb))
        {
            return false;
        }

        string fa = na.Name, fb = nb.Name;
        if (IsShortening(fa, fb) || IsShortening(fb, fa) || !DistinctNames(fa, fb))
        {
            return false;
        }

        for (int i = 0; i < _kinds.Length; i++)
        {
            if (_kinds[i] != MatchFieldKind.Email || Blank(p, a, b, i) || p.Id(a, i) == p.Id(b, i))
            {
                continue;
            }

            // One pattern at one provider (daniel.garcia@gmail.com, danielle.garcia@gmail.com): only the first word differs.
            var (ta, restA) = Split(p.Code(a, i));
            var (tb, restB) = Split(p.Code(b, i));
            if (ta != tb && restA == restB && NamesFirstName(ta, fa) && NamesFirstName(tb, fb) && !(NamesFirstName(ta, fb) && NamesFirstName(tb, fa)))
            {
                return true;
            }
        }

        return false;
    }

    // Two names rather than one name spelt two ways: two edits or more apart (Daniel / Danielle, Mark / Maria), or one
    // the other with a feminine ending (Paul / Paula, Louis / Louise, Mario / Maria). One edit is a spelling (Jon / John,
    // Fatima / Fatema: one person's records in two systems, each with an address made from its spelling).
    private static bool DistinctNames(string x, string y)
    {
        if (BoundedEditDistance(x, y, 2) >= 2)
        {
            return true;
        }

        var (s, l) = x.Length <= y.Length ? (x, y) : (y, x);
        if (l.StartsWith(s, StringComparison.Ordinal) && l[s.Length..] is "a" or "e")
        {
            return true;
        }

        return s.Length == l.Length && s.Length > 2 && s[..^1] == l[..^1] && (s[^1], l[^1]) is ('o', 'a') or ('a', 'o');
    }

    // Levenshtein distance, counted up to max (names are short).
    private static int BoundedEditDistance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) >= max)
        {
            return max;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int best = current[0];
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                best = Math.Min(best, current[j]);
            }

            if (best >= max)
            {
                return max;
            }

            (previous, current) = (current, previous);
        }

        return Math.Min(previous[b.Length], max);
    }

    private static (string Word, string Remainder) Split(string code)
    {
        int separator = code.IndexOf('\u001f', StringComparison.Ordinal);
        return separator < 0 ? ("", "") : (code[..separator], code[(separator + 1)..]);
    }

    // An e-mail's first word names a first name: it is the name, or a shortening of it of three letters or more.
    private static bool NamesFirstName(string word, string firstName) =>
        word.Length >= 3 && firstName.StartsWith(word, StringComparison.Ordinal);

    // A nickname-like shortening: "dan" of "daniel", "chris" of "christopher" (a short name, three letters or more
    // dropped), not "paul" of "paula" or "daniel" of "danielle" (another person's name).
    private static bool IsShortening(string shorter, string longer) =>
        shorter.Length is >= 3 and <= 5 && longer.Length - shorter.Length >= 3 && longer.StartsWith(shorter, StringComparison.Ordinal);

    /// <summary>
    /// Two people of one household (twins, a parent and child, spouses) share surname, address, landline and often a
    /// birth date, enough to pass the weighted score: their first names, both given and unlike each other (below
    /// <see cref="UnlikeFirstNames"/> straight and crossed, neither a prefix of the other), say they are two people unless
    /// the rows share an e-mail address made of one of their names (<see cref="EmailNamesPerson"/>: Bill / William at
    /// wcarter@…, one person's own address; a family or office mailbox such as johnsonfamily@ names no one). When the
    /// family names are given and unlike too, no shared e-mail, phone or address makes the two rows one person.
    /// </summary>
    public bool FirstNamesContradict(PreparedFields p, int a, int b)
    {
        if (!GivenNames(p, a, b, out var na, out var nb))
        {
            return false;
        }

        string x = na.Name, y = nb.Name;
        if (x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal)
            || FieldSimilarity(MatchFieldKind.FirstName, x, y, na.Code, nb.Code) >= UnlikeFirstNames)
        {
            return false;
        }

        if (_first >= 0 && _last >= 0 && !Blank(p, a, b, _last)
            && FieldSimilarity(MatchFieldKind.FirstName, x, p.Value(b, _last), na.Code, p.Code(b, _last)) >= UnlikeFirstNames)
        {
            return false; // names swapped
        }

        if (_first < 0 && (SimilarToAnotherWord(x, na.Code, p.Value(b, _full)) || SimilarToAnotherWord(y, nb.Code, p.Value(a, _full))))
        {
            return false; // a full name written family name first in one row ("Jones Mark" / "Mark Jones")
        }

        string lastA = FamilyName(p, a), lastB = FamilyName(p, b);
        if (lastA.Length > 0 && lastB.Length > 0 && !AnyWordAlike(WholeName(p, a), WholeName(p, b)))
        {
            return true; // no name of one row is like a name of the other: two people, whatever mailbox, phone or address they share
        }

        for (int i = 0; i < _kinds.Length; i++)
        {
            if (_kinds[i] == MatchFieldKind.Email && !Blank(p, a, b, i) && p.Id(a, i) == p.Id(b, i)
                && (EmailNamesPerson(p.Code(a, i), x, lastA) || EmailNamesPerson(p.Code(a, i), y, lastB)))
            {
                return false;
            }
        }

        return true;
    }

    // True when rows a and b give one e-mail (field i), two first names (DistinctNames: not one name spelt two ways
    // one edit apart, nor one the start of the other) and a phone each (OwnPhones), and the address is made of neither
    // name (EmailNamesPerson): a family's or an office's mailbox (info@smithfamily.com for John and Jane Smith, sales@)
    // says who reads it, not which of them a row is. It scores as a blank: it was worth 40 of 130 and, with the surname
    // and a household's phone numbers one digit apart, joined two people. Without a phone each (one person's records
    // under a nickname, Debbie / Deborah at andersson.d322@) the shared address stays the evidence it was.
    private bool MailboxNamesNeither(PreparedFields p, int a, int b, int i)
    {
        if (!GivenNames(p, a, b, out var na, out var nb)
            || na.Name.StartsWith(nb.Name, StringComparison.Ordinal) || nb.Name.StartsWith(na.Name, StringComparison.Ordinal)
            || !DistinctNames(na.Name, nb.Name))
        {
            return false;
        }

        string code = p.Code(a, i);
        return OwnPhones(p, a, b) && !EmailNamesPerson(code, na.Name, FamilyName(p, a)) && !EmailNamesPerson(code, nb.Name, FamilyName(p, b));
    }

    // True when both rows give a phone and no phone of one is the other's (as prepared: digits, the national number).
    private bool OwnPhones(PreparedFields p, int a, int b)
    {
        bool both = false;
        for (int i = 0; i < _kinds.Length; i++)
        {
            if (_kinds[i] != MatchFieldKind.Phone || Blank(p, a, b, i))
            {
                continue;
            }

            if (p.Id(a, i) == p.Id(b, i))
            {
                return false;
            }

            both = true;
        }

        return both;
    }

    // The words of a row's name: first and last name, or the full name.
    private string WholeName(PreparedFields p, int row) =>
        _first >= 0 ? (_last >= 0 ? p.Value(row, _first) + " " + p.Value(row, _last) : p.Value(row, _first)) : p.Value(row, _full);

    // The family name of a row: its last-name field, or the last word of its full name ("" when blank or none).
    private string FamilyName(PreparedFields p, int row)
    {
        if (_last >= 0)
        {
            return p.Value(row, _last);
        }

        if (_full < 0)
        {
            return "";
        }

        string full = p.Value(row, _full);
        int space = full.LastIndexOf(' ');
        return space < 0 ? "" : full[(space + 1)..];
    }

    // True when a word of one name is alike to a word of the other (UnlikeFirstNames or more, or the start of it):
    // "Jing Chen" / "Chen Lily Jing", "Robert Johnson" / "Mary Johnson"; not "Anna Kowalska" / "Piotr Nowak".
    private static bool AnyWordAlike(string x, string y)
    {
        foreach (var u in x.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string cu = Soundex.Encode(u);
            foreach (var v in y.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (u.StartsWith(v, StringComparison.Ordinal) || v.StartsWith(u, StringComparison.Ordinal)
                    || FieldSimilarity(MatchFieldKind.LastName, u, v, cu, Soundex.Encode(v)) >= UnlikeFirstNames)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when an e-mail (its code, see <see cref="PreparedFields.Code"/>) is a person's own: its local part holds a
    /// word of the first name (three letters or more: robert.miller, bill.carter79, omar9822), or the initial and the
    /// family name (wcarter, hillm58), or no letter at all (an account number such as 2035879909@qq.com). A mailbox
    /// made of other words (johnsonfamily@, biuro@, info@) is shared: it says nothing about whether two rows with
    /// unlike first names are one person.
    /// </summary>
    public static bool EmailNamesPerson(string code, string firstName, string familyName)
    {
        int separator = code.IndexOf('\u001f', StringComparison.Ordinal);
        int at = code.LastIndexOf('@');
        if (separator < 0 || at < separator)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[Math.Min(at, 256)];
        int length = 0;
        for (int i = 0; i < at && length < buffer.Length; i++)
        {
            if (code[i] == '+')
            {
                break; // a +tag
            }

            if (char.IsLetter(code[i]))
            {
                buffer[length++] = code[i];
            }
        }

        var local = buffer[..length];
        if (local.IsEmpty)
        {
            return true;
        }

        foreach (var word in firstName.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length >= 3 && local.IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        string family = LettersOf(familyName);
        return firstName.Length > 0 && family.Length > 0 && local.Length == family.Length + 1
            && ((local[0] == firstName[0] && local[1..].SequenceEqual(family)) || (local[^1] == firstName[0] && local[..^1].SequenceEqual(family)));
    }

    private static string LettersOf(string name) => name.Contains(' ', StringComparison.Ordinal) ? name.Replace(" ", "", StringComparison.Ordinal) : name;

    // The given names of rows a and b, from the first-name field or, without one, the first word of a full name of two
    // words or more (after MatchNormalizer turned "Garcia, Daniel" round and dropped initials; titles left out); false
    // when either is missing or the two are the same.
    private bool GivenNames(PreparedFields p, int a, int b, out (string Name, string Code) x, out (string Name, string Code) y)
    {
        x = y = ("", "");
        if (_first >= 0)
        {
            if (Blank(p, a, b, _first) || p.Id(a, _first) == p.Id(b, _first))
            {
                return false;
            }

            (x, y) = ((p.Value(a, _first), p.Code(a, _first)), (p.Value(b, _first), p.Code(b, _first)));
            return true;
        }

        if (_full < 0 || Blank(p, a, b, _full) || p.Id(a, _full) == p.Id(b, _full))
        {
            return false;
        }

        string ga = GivenName(p.Value(a, _full)), gb = GivenName(p.Value(b, _full));
        if (ga.Length == 0 || gb.Length == 0 || ga == gb)
        {
            return false;
        }

        (x, y) = ((ga, Soundex.Encode(ga)), (gb, Soundex.Encode(gb)));
        return true;
    }

    /// <summary>The given name in a normalised full name: its first word but titles, when at least one more word follows; else "".</summary>
    public static string GivenName(string fullName)
    {
        var words = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int start = 0;
        while (start < words.Length && MatchNormalizer.Titles.Contains(words[start]))
        {
            start++;
        }

        return words.Length - start >= 2 ? words[start] : "";
    }

    // True when a word of the other row's full name other than its first is alike to the given name (names swapped).
    private static bool SimilarToAnotherWord(string given, string code, string otherFullName)
    {
        var words = otherFullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 1; i < words.Length; i++)
        {
            if (FieldSimilarity(MatchFieldKind.FirstName, given, words[i], code, Soundex.Encode(words[i])) >= UnlikeFirstNames)
            {
                return true;
            }
        }

        return false;
    }

    // True when Score would be ≥ threshold; fields are compared cheapest first and the comparison stops as soon as the
    // remaining filled ones (all scoring 100) could no longer reach it, with blanks counted or left out.
    internal bool ReachesScore(PreparedFields p, int a, int b, double threshold)
    {
        if (_totalWeight <= 0)
        {
            return threshold <= 0;
        }

        // Blank fields are known before anything is compared: they score BlankSimilarity (or are left out), so the
        // bounds below count only the filled fields not yet compared at 100.
        double blank = 0;
        int blankMask = p.BlankMask(a) | p.BlankMask(b);
        for (int i = 0; i < _weights.Length; i++)
        {
            if (blankMask >= 0 ? (blankMask & (1 << i)) != 0 : p.Id(a, i) == 0 || p.Id(b, i) == 0)
            {
                blank += _weights[i];
            }
        }

        // Two filled e-mails may turn out to say nothing (two accounts) and count as blank: until they are compared the
        // blanks may still be left out with them.
        double maybeBlank = 0;
        for (int i = 0; i < _weights.Length; i++)
        {
            if (_kinds[i] == MatchFieldKind.Email && !Blank(p, a, b, i) && p.Id(a, i) != p.Id(b, i))
            {
                maybeBlank += _weights[i];
            }
        }

        bool disagrees = false;
        // SoleMailbox (with blanks: an equal e-mail is never two accounts, so blank stays as it is) is looked up only
        // when a bound below needs it: 0 not yet, 1 no, 2 yes.
        int soleMailbox = blank > 0 ? 0 : 1;
        double needed = threshold * _totalWeight - blank * BlankSimilarity;
        double filledLeft = _totalWeight - blank;
        double filledSum = 0; // Σ wᵢ·simᵢ over the filled fields compared so far
        foreach (var unit in _units)
        {
            double unitBlank = 0;
            double unitSum = UnitSum(unit, p, a, b, ref unitBlank);
            double filledWeight = 0, blankWeight = 0; // of this unit, as known before comparing
            foreach (int i in unit)
            {
                bool wasBlank = blankMask >= 0 ? (blankMask & (1 << i)) != 0 : p.Id(a, i) == 0 || p.Id(b, i) == 0;
                (wasBlank ? ref blankWeight : ref filledWeight) += _weights[i];
                maybeBlank -= !wasBlank && _kinds[i] == MatchFieldKind.Email && p.Id(a, i) != p.Id(b, i) ? _weights[i] : 0;
            }

            filledSum += unitSum - unitBlank * BlankSimilarity;
            filledLeft -= filledWeight;
            if (unitBlank > blankWeight)
            {
                blank += unitBlank - blankWeight; // two e-mails that say nothing
                needed = threshold * _totalWeight - blank * BlankSimilarity;
            }

            if (unit.Length == 1 && unitBlank == 0 && unitSum < FilledFloor * _weights[unit[0]])
            {
                disagrees = true; // a filled field disagrees (names are checked by ChanceMatches)
            }

            if (filledSum + filledLeft * 100 < needed - 1e-9
                && (disagrees || !(CanLeaveOutBlanks(blank) || (maybeBlank > 0 && CanLeaveOutBlanks(blank + maybeBlank)) || KnownSoleMailbox(p, a, b, ref soleMailbox))
                    || (filledSum + filledLeft * 100) / (_totalWeight - blank) < threshold - 1e-9))
            {
                return false;
            }
        }

        double sum = filledSum + blank * BlankSimilarity;
        if (sum / _totalWeight >= threshold)
        {
            return true;
        }

        return !disagrees && blank > 0 && Renormalised(sum, blank) >= threshold
            && ((CanLeaveOutBlanks(blank) && RareAgreement(p, a, b)) || (KnownSoleMailbox(p, a, b, ref soleMailbox) && NothingDisagrees(p, a, b)));
    }

    // SoleMailbox, looked up once: known is 0 before, then 1 (no) or 2 (yes).
    private bool KnownSoleMailbox(PreparedFields p, int a, int b, ref int known)
    {
        if (known == 0)
        {
            known = SoleMailbox(p, a, b) ? 2 : 1;
        }

        return known == 2;
    }

    private bool CanLeaveOutBlanks(double blank) => blank > 0 && _totalWeight - blank >= MinFilledShare * _totalWeight;

    // The score over the filled fields only.
    private double Renormalised(double sum, double blank) => (sum - blank * BlankSimilarity) / (_totalWeight - blank);

    private bool RareAgreement(PreparedFields p, int a, int b) => ChanceMatches(p, a, b) is double c && c < MaxChanceMatches;

    /// <summary>
    /// How many rows of the table are expected to agree with rows <paramref name="a"/> and <paramref name="b"/> on the
    /// values they share, by chance: N·Π u over independent groups of agreeing fields (similarity ≥
    /// <see cref="AgreeSimilarity"/>), u = rows holding the value / rows with the field filled (for two different but
    /// similar values, the commoner). Names multiply (first and last are independent); an e-mail is often made of the
    /// name, so names and e-mail count as one group, the stronger of the two; address, zip, city and other fields
    /// describe one place, the strongest of them; phone and birth date are each a group. Returns +∞ when a filled
    /// field disagrees (below <see cref="FilledFloor"/>; names straight and crossed).
    /// </summary>
    public double ChanceMatches(PreparedFields p, int a, int b)
    {
        double names = 1, email = 1, place = 1, independent = 1;
        foreach (var unit in _units)
        {
            if (unit.Length == 2)
            {
                int f = unit[0], l = unit[1];
                var first = Agreement(p, a, f, b, f);
                var last = Agreement(p, a, l, b, l);
                if (first.Sim < FilledFloor || last.Sim < FilledFloor)
                {
                    // A blank scores 100 here, so a filled name disagrees; the names may be swapped.
                    if (Blank(p, a, b, f) || Blank(p, a, b, l))
                    {
                        return double.PositiveInfinity;
                    }

                    first = Agreement(p, a, f, b, l);
                    last = Agreement(p, a, l, b, f);
                    if (first.Sim < FilledFloor || last.Sim < FilledFloor)
                    {
                        return double.PositiveInfinity;
                    }
                }

                names *= first.U * last.U;
                continue;
            }

            int i = unit[0];
            if (Blank(p, a, b, i) || (_kinds[i] == MatchFieldKind.Email && EmailsSayNothing(p, a, b, i)))
            {
                continue; // blank, or two accounts: no evidence either way
            }

            var (sim, u) = Agreement(p, a, i, b, i);
            if (sim < FilledFloor)
            {
                return double.PositiveInfinity;
            }

            switch (_kinds[i])
            {
                case MatchFieldKind.FirstName or MatchFieldKind.LastName or MatchFieldKind.FullName:
                    names *= u;
                    break;
                case MatchFieldKind.Email:
                    email = Math.Min(email, u);
                    break;
                case MatchFieldKind.Phone or MatchFieldKind.BirthDate:
                    independent *= u;
                    break;
                default:
                    place = Math.Min(place, u);
                    break;
            }
        }

        return p.RowCount * Math.Min(names, email) * place * independent;
    }

    private static bool Blank(PreparedFields p, int a, int b, int i) => p.Id(a, i) == 0 || p.Id(b, i) == 0;

    // Similarity of field i of row a and field j of row b (blank: 100, u 1: no evidence either way), and the
    // u-probability of that agreement (1 below AgreeSimilarity: no evidence).
    private (double Sim, double U) Agreement(PreparedFields p, int a, int i, int b, int j)
    {
        int x = p.Id(a, i);
        int y = p.Id(b, j);
        if (x == 0 || y == 0)
        {
            return (100, 1);
        }

        double sim = i == j ? (x == y ? 100 : Similarity(p, a, b, i)) : FieldSimilarity(_kinds[i], p.Value(a, i), p.Value(b, j), p.Code(a, i), p.Code(b, j));
        if (sim < AgreeSimilarity)
        {
            return (sim, 1);
        }

        double u = Math.Max(p.Count(i, x) / (double)Math.Max(1, p.Filled(i)), p.Count(j, y) / (double)Math.Max(1, p.Filled(j)));
        return (sim, u);
    }

    /// <summary>
    /// Numbered addresses at two providers (<see cref="NumberedAtTwoProviders"/>) are compared by their letters only
    /// when the rows' name is rare: expected in no more than this many rows of the table (N·Π u over the name fields,
    /// as <see cref="ChanceMatches"/> estimates it), i.e. in no row but the two compared.
    /// </summary>
    public const double CommonNameRows = 2;

    // Similarity of filled, different values of field i in rows a and b: FieldSimilarity, except that two numbered
    // addresses at two providers say nothing (BlankSimilarity) when the rows' name is common. What such addresses
    // share is the name they are made of (maria_thompson837@hotmail.com / mariathompson5851@gmail.com), which the
    // name fields weigh already; for a rare name the likeness is evidence (one person's karl.strauss.73@yahoo.de and
    // karlstrauss993@googlemail.com), for "Maria Thompson" in a city of namesakes it is not.
    internal double Similarity(PreparedFields p, int a, int b, int i) => Similarity(p, a, b, i, out _);

    // As Similarity; saysNothing when the e-mails are two accounts (numbered at one provider, or at two with a common
    // name): their BlankSimilarity is no evidence either way, which Score and ReachesScore count as a blank.
    private double Similarity(PreparedFields p, int a, int b, int i, out bool saysNothing)
    {
        if (_kinds[i] != MatchFieldKind.Email)
        {
            saysNothing = false;
            return FieldSimilarity(_kinds[i], p.Value(a, i), p.Value(b, i), p.Code(a, i), p.Code(b, i));
        }

        saysNothing = EmailsSayNothing(p, a, b, i);
        if (saysNothing)
        {
            return BlankSimilarity;
        }

        // FieldSimilarity of two e-mails that do not say nothing: its own rule for two accounts (numbered at one provider)
        // is one of EmailsSayNothing's, so only the Indel ratio is left.
        string x = p.Value(a, i), y = p.Value(b, i);
        return x.Length == 0 || y.Length == 0 ? 0 : x == y ? 100 : StringSimilarity.IndelRatio(x, y);
    }

    // Two filled, different e-mails of field i that are two accounts: numbered at one provider (see FieldSimilarity), or
    // at two providers when the rows' name is common.
    internal bool EmailsSayNothing(PreparedFields p, int a, int b, int i)
    {
        string x = p.Value(a, i), y = p.Value(b, i), codeA = p.Code(a, i), codeB = p.Code(b, i);
        if (x.Length == 0 || y.Length == 0 || x == y)
        {
            return false;
        }

        // (DifferOnlyInDigits(x, y) && !OtherProviders) || OtherNumberAtOneProvider || (NumberedAtTwoProviders && CommonName
        // && !SamePhone), with the codes split once.
        EmailParts(codeA, out var localA, out var domainA);
        EmailParts(codeB, out var localB, out var domainB);
        bool otherProviders = domainA.Length > 0 && domainB.Length > 0 && !domainA.SequenceEqual(domainB);
        if (DifferOnlyInDigits(x, y) && !otherProviders)
        {
            return true;
        }

        bool oneProvider = domainA.Length > 0 && domainA.SequenceEqual(domainB);
        if (!(oneProvider || otherProviders) || !OtherNumbers(localA, localB))
        {
            return false;
        }

        return oneProvider || (CommonName(p, a, b) && !SamePhone(p, a, b));
    }

    // True when rows a and b give one phone number (the same digits, or one written with and without its country code or
    // trunk prefix). A common name with one phone is no namesake pair of a city: it is one person (or one household),
    // whose numbered accounts at two providers are compared by their letters as a rare name's are; left as no evidence,
    // John Smith at one phone with jsmith1@gmail.com and jsmith7@yahoo.com stayed two records where john.smith@gmail.com
    // and jsmith@yahoo.com, written without numbers, made one.
    internal bool SamePhone(PreparedFields p, int a, int b)
    {
        for (int i = 0; i < _kinds.Length; i++)
        {
            if (_kinds[i] == MatchFieldKind.Phone && !Blank(p, a, b, i)
                && (p.Id(a, i) == p.Id(b, i) || FieldSimilarity(MatchFieldKind.Phone, p.Value(a, i), p.Value(b, i), p.Code(a, i), p.Code(b, i)) >= 100))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when two e-mail codes (see <see cref="PreparedFields.Code"/>) are addresses at two providers whose local
    /// parts both carry digits, and not the same digits (maria_thompson837@hotmail.com / mariathompson5851@gmail.com).
    /// </summary>
    public static bool NumberedAtTwoProviders(string codeA, string codeB) =>
        OtherProviders(codeA, codeB) && OtherNumbers(codeA, codeB);

    /// <summary>
    /// True when rows a and b have a name (a name field filled in both) held, by the frequencies of its parts in the
    /// data, by more than <see cref="CommonNameRows"/> rows: N·Π u over the name fields (u = rows holding the value /
    /// rows with the field filled, the commoner of two alike values; 1 for a field blank in either row or unlike).
    /// </summary>
    public bool CommonName(PreparedFields p, int a, int b)
    {
        double expected = p.RowCount;
        bool any = false;
        for (int i = 0; i < _kinds.Length; i++)
        {
            if (!IsName(_kinds[i]) || Blank(p, a, b, i))
            {
                continue;
            }

            any = true;
            var (_, u) = Agreement(p, a, i, b, i);
            if (u == 1 && _first >= 0 && _last >= 0 && (i == _first || i == _last))
            {
                // First and last names swapped in one row: the name is the other field's.
                int other = i == _first ? _last : _first;
                if (!Blank(p, a, b, other))
                {
                    u = Agreement(p, a, i, b, other).U;
                }
            }

            expected *= u;
        }

        return any && expected > CommonNameRows + 1e-9;
    }

    // Σ wᵢ·simᵢ of one unit (blank fields at BlankSimilarity, their weight added to blank, and so two e-mails that say
    // nothing unless saysNothingIsBlank is false: ClearlyApart reads them as two mailboxes); a first/last-name unit
    // also tries the names crossed when all four are filled and keeps the better.
    private double UnitSum(int[] unit, PreparedFields p, int a, int b, ref double blank, bool saysNothingIsBlank = true)
    {
        double sum = 0;
        bool filled = true;
        foreach (int i in unit)
        {
            int x = p.Id(a, i);
            int y = p.Id(b, i);
            bool both = x != 0 && y != 0;
            filled &= both;
            if (!both)
            {
                blank += _weights[i];
            }

            bool saysNothing = both && x == y && _kinds[i] == MatchFieldKind.Email && MailboxNamesNeither(p, a, b, i);
            sum += _weights[i] * (!both || saysNothing ? BlankSimilarity : x == y ? 100 : Similarity(p, a, b, i, out saysNothing));
            if (saysNothing && saysNothingIsBlank)
            {
                blank += _weights[i]; // two accounts: as if blank (scored BlankSimilarity, or left out with the blanks)
            }
        }

        if (unit.Length == 2 && filled)
        {
            int f = unit[0];
            int l = unit[1];
            if (sum < (_weights[f] + _weights[l]) * 100)
            {
                double crossed = _weights[f] * FieldSimilarity(MatchFieldKind.FirstName, p.Value(a, f), p.Value(b, l), p.Code(a, f), p.Code(b, l))
                    + _weights[l] * FieldSimilarity(MatchFieldKind.LastName, p.Value(a, l), p.Value(b, f), p.Code(a, l), p.Code(b, f));
                sum = Math.Max(sum, crossed);
            }
        }

        return sum;
    }

    // 0 exact or digit-wise, 1 text ratio, 2 names (Jaro-Winkler, also crossed).
    private static int Cost(MatchFieldKind kind) => kind switch
    {
        MatchFieldKind.Zip or MatchFieldKind.BirthDate or MatchFieldKind.Phone or MatchFieldKind.Identifier => 0,
        MatchFieldKind.FirstName or MatchFieldKind.LastName or MatchFieldKind.FullName => 2,
        _ => 1,
    };

    private static int Single(IReadOnlyList<MatchField> fields, MatchFieldKind kind)
    {
        int found = -1;
        for (int i = 0; i < fields.Count; i++)
        {
            if (fields[i].Kind == kind)
            {
                if (found >= 0)
                {
                    return -1;
                }

                found = i;
            }
        }

        return found;
    }

    /// <summary>Similarity 0–100 of two prepared values of one field (see <see cref="Prepare"/>; addresses token-sorted).</summary>
    public static double FieldSimilarity(MatchFieldKind kind, string a, string b, string codeA, string codeB)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        if (a == b)
        {
            return 100;
        }

        return kind switch
        {
            MatchFieldKind.FirstName or MatchFieldKind.LastName or MatchFieldKind.FullName =>
                0.8 * StringSimilarity.JaroWinkler(a, b) * 100 + (codeA.Length > 0 && codeA == codeB ? 20 : 0),
            MatchFieldKind.Address or MatchFieldKind.Organization => StringSimilarity.IndelRatio(a, b), // prepared token-sorted: token-sort ratio
            MatchFieldKind.Zip or MatchFieldKind.BirthDate or MatchFieldKind.Identifier => 0,
            // Two accounts named one way and told apart by their numbers (maria.garcia14394@ / maria.garcia4530@, a
            // provider's way of giving namesakes an address each): what they share is the name, which the name fields
            // already weigh; the addresses themselves say nothing either way.
            // So are two addresses at one provider whose local parts carry different numbers (james_anderson469@ /
            // janderson2446@gmail.com). At two providers one person may hold a numbered address at each
            // (karl.strauss.73@yahoo.de / karlstrauss993@googlemail.com): there the likeness still counts.
            // Only the local parts count: li.wei@163.com / li.wei@126.com are one mailbox name at two providers, not two
            // numbered accounts (the normalised values have lost the '@', so the codes say where the domain begins).
            MatchFieldKind.Email when (DifferOnlyInDigits(a, b) && !OtherProviders(codeA, codeB)) || OtherNumberAtOneProvider(codeA, codeB) => BlankSimilarity,
            MatchFieldKind.Phone when a.Length == b.Length => StringSimilarity.HammingRatio(a, b),
            // One number written with and without its country code or trunk prefix: the shorter (7+ digits) ends the longer.
            MatchFieldKind.Phone when Math.Min(a.Length, b.Length) >= 7 && (a.EndsWith(b, StringComparison.Ordinal) || b.EndsWith(a, StringComparison.Ordinal)) => 100,
            _ => StringSimilarity.IndelRatio(a, b),
        };
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are the same text once their digits are left out.</summary>
    public static bool DifferOnlyInDigits(string a, string b)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && char.IsAsciiDigit(a[i]))
            {
                i++;
            }

            while (j < b.Length && char.IsAsciiDigit(b[j]))
            {
                j++;
            }

            if (i == a.Length || j == b.Length)
            {
                return i == a.Length && j == b.Length;
            }

            if (a[i++] != b[j++])
            {
                return false;
            }
        }
    }

    /// <summary>
    /// True when two e-mail codes (see <see cref="PreparedFields.Code"/>) are addresses at two domains (googlemail.com
    /// is gmail.com, see <see cref="MatchNormalizer.EmailMailbox"/>); false when either has no domain.
    /// </summary>
    public static bool OtherProviders(string codeA, string codeB)
    {
        EmailParts(codeA, out _, out var domainA);
        EmailParts(codeB, out _, out var domainB);
        return domainA.Length > 0 && domainB.Length > 0 && !domainA.SequenceEqual(domainB);
    }

    /// <summary>
    /// True when two e-mail codes (see <see cref="PreparedFields.Code"/>: the address split after its first word) are
    /// addresses at one domain (googlemail.com is gmail.com) whose local parts (without a +tag) both carry digits, and
    /// not the same digits.
    /// </summary>
    public static bool OtherNumberAtOneProvider(string codeA, string codeB)
    {
        EmailParts(codeA, out _, out var domainA);
        EmailParts(codeB, out _, out var domainB);
        return domainA.Length > 0 && domainA.SequenceEqual(domainB) && OtherNumbers(codeA, codeB);
    }

    // True when the local parts (without a +tag) of two e-mail codes both carry digits, and not the same digits.
    private static bool OtherNumbers(string codeA, string codeB)
    {
        EmailParts(codeA, out var localA, out _);
        EmailParts(codeB, out var localB, out _);
        return OtherNumbers(localA, localB);
    }

    // True when two local parts (without a +tag) both carry digits, and not the same digits.
    private static bool OtherNumbers(ReadOnlySpan<char> localA, ReadOnlySpan<char> localB)
    {
        int i = 0, j = 0, digitsA = 0, digitsB = 0;
        bool differ = false;
        while (true)
        {
            while (i < localA.Length && !char.IsAsciiDigit(localA[i]))
            {
                i++;
            }

            while (j < localB.Length && !char.IsAsciiDigit(localB[j]))
            {
                j++;
            }

            if (i == localA.Length || j == localB.Length)
            {
                digitsA += i < localA.Length ? 1 : 0;
                digitsB += j < localB.Length ? 1 : 0;
                return digitsA > 0 && digitsB > 0 && (differ || i < localA.Length || j < localB.Length);
            }

            differ |= localA[i++] != localB[j++];
            digitsA++;
            digitsB++;
        }
    }

    // The local part (without a +tag) and the domain of an e-mail code; empty without an '@'.
    private static void EmailParts(string code, out ReadOnlySpan<char> local, out ReadOnlySpan<char> domain)
    {
        local = domain = [];
        int separator = code.IndexOf('\u001f', StringComparison.Ordinal);
        if (separator < 0)
        {
            return;
        }

        // The code is the address split in two: its first word, the separator, the rest (lower case); digits are in the rest.
        var rest = code.AsSpan(separator + 1);
        int at = rest.LastIndexOf('@');
        if (at < 0)
        {
            return;
        }

        domain = rest[(at + 1)..].Trim().TrimEnd('.');
        int plus = rest[..at].IndexOf('+');
        local = plus >= 0 ? rest[..plus] : rest[..at];
    }

    /// <summary>True for the name kinds (Jaro-Winkler + phonetic).</summary>
    public static bool IsName(MatchFieldKind kind) =>
        kind is MatchFieldKind.FirstName or MatchFieldKind.LastName or MatchFieldKind.FullName;
}
