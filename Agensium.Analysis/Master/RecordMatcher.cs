namespace Agensium.Analysis.Master;

/// <summary>
/// Weighted record similarity 0–100 (AGENSIUM 5.3): Σ wᵢ·simᵢ / Σ wᵢ over match keys, except that a key blank in
/// either row scores 50 rather than 0 (see <see cref="Score"/>), and a first and a last name are also compared crossed
/// (swapped names). Per field: empty 0, equal 100;
/// names 0.8·Jaro-Winkler·100 + 0.2·(Soundex equal ? 100 : 0); address token-sort ratio; zip and birth date exact;
/// phones of equal length the share of equal digit positions (unrelated numbers share long subsequences of a
/// 10-symbol alphabet, so the Indel ratio would rate them ~50); else Indel ratio.
/// </summary>
public sealed class RecordMatcher
{
    private readonly IReadOnlyList<MatchField> _fields;
    private readonly double _totalWeight;
    private readonly int[][] _units;

    /// <summary>Creates a matcher over <paramref name="fields"/>.</summary>
    public RecordMatcher(IReadOnlyList<MatchField> fields)
    {
        _fields = fields;
        _totalWeight = fields.Sum(f => f.Weight);
        // Comparison units: one first-name and one last-name field form one unit (compared straight
        // and crossed, for swapped names); every other field is a unit of its own.
        int first = Single(fields, MatchFieldKind.FirstName);
        int last = Single(fields, MatchFieldKind.LastName);
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

    /// <summary>Normalised values (and phonetic codes for names) of every row of <paramref name="table"/>.</summary>
    public PreparedFields Prepare(MasterTable table, CancellationToken cancellationToken) => PreparedFields.Of(table, _fields, cancellationToken);

    /// <summary>Similarity given to a field that is blank in either row: no evidence either way, the midpoint.</summary>
    public const double BlankSimilarity = 50;

    /// <summary>
    /// Weighted similarity 0–100 of two prepared rows: Σ wᵢ·simᵢ / Σ wᵢ, where a field blank in either row scores
    /// <see cref="BlankSimilarity"/> (a missing value is no disagreement, nor an agreement).
    /// </summary>
    public double Score(PreparedFields p, int a, int b)
    {
        if (_totalWeight <= 0)
        {
            return 0;
        }

        double sum = 0;
        foreach (var unit in _units)
        {
            sum += UnitSum(unit, p, a, b);
        }

        return sum / _totalWeight;
    }

    /// <summary>
    /// True when <see cref="Score"/> would be ≥ <paramref name="threshold"/>; fields are compared cheapest first and the
    /// comparison stops as soon as the remaining ones (all scoring 100) could no longer reach it.
    /// </summary>
    public bool Reaches(PreparedFields p, int a, int b, double threshold)
    {
        if (_totalWeight <= 0)
        {
            return threshold <= 0;
        }

        double needed = threshold * _totalWeight;
        double remaining = _totalWeight;
        double sum = 0;
        foreach (var unit in _units)
        {
            sum += UnitSum(unit, p, a, b);
            foreach (int i in unit)
            {
                remaining -= _fields[i].Weight;
            }

            if (sum + remaining * 100 < needed - 1e-9)
            {
                return false;
            }
        }

        return sum / _totalWeight >= threshold;
    }

    // Σ wᵢ·simᵢ of one unit (blank fields at BlankSimilarity); a first/last-name unit also tries the names crossed
    // when all four are filled and keeps the better.
    private double UnitSum(int[] unit, PreparedFields p, int a, int b)
    {
        double sum = 0;
        bool filled = true;
        foreach (int i in unit)
        {
            int x = p.Id(a, i);
            int y = p.Id(b, i);
            bool both = x != 0 && y != 0;
            filled &= both;
            sum += _fields[i].Weight * (!both ? BlankSimilarity : x == y ? 100 : FieldSimilarity(_fields[i].Kind, p.Value(a, i), p.Value(b, i), p.Code(a, i), p.Code(b, i)));
        }

        if (unit.Length == 2 && filled)
        {
            int f = unit[0];
            int l = unit[1];
            if (sum < (_fields[f].Weight + _fields[l].Weight) * 100)
            {
                double crossed = _fields[f].Weight * FieldSimilarity(MatchFieldKind.FirstName, p.Value(a, f), p.Value(b, l), p.Code(a, f), p.Code(b, l))
                    + _fields[l].Weight * FieldSimilarity(MatchFieldKind.LastName, p.Value(a, l), p.Value(b, f), p.Code(a, l), p.Code(b, f));
                sum = Math.Max(sum, crossed);
            }
        }

        return sum;
    }

    // 0 exact or digit-wise, 1 text ratio, 2 names (Jaro-Winkler, also crossed).
    private static int Cost(MatchFieldKind kind) => kind switch
    {
        MatchFieldKind.Zip or MatchFieldKind.BirthDate or MatchFieldKind.Phone => 0,
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
            MatchFieldKind.Address => StringSimilarity.IndelRatio(a, b), // prepared addresses are token-sorted: token-sort ratio
            MatchFieldKind.Zip or MatchFieldKind.BirthDate => 0,
            MatchFieldKind.Phone when a.Length == b.Length => StringSimilarity.HammingRatio(a, b),
            _ => StringSimilarity.IndelRatio(a, b),
        };
    }

    /// <summary>True for the name kinds (Jaro-Winkler + phonetic).</summary>
    public static bool IsName(MatchFieldKind kind) =>
        kind is MatchFieldKind.FirstName or MatchFieldKind.LastName or MatchFieldKind.FullName;
}
