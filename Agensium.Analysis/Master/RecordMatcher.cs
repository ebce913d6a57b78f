namespace Agensium.Analysis.Master;

/// <summary>
/// Weighted record similarity 0–100 (AGENSIUM 5.3): Σ wᵢ·simᵢ / Σ wᵢ over match keys. Per field: empty 0, equal 100;
/// names 0.8·Jaro-Winkler·100 + 0.2·(Soundex equal ? 100 : 0); address token-sort ratio; zip exact; else Indel ratio.
/// </summary>
public sealed class RecordMatcher
{
    private readonly IReadOnlyList<MatchField> _fields;
    private readonly double _totalWeight;

    /// <summary>Creates a matcher over <paramref name="fields"/>.</summary>
    public RecordMatcher(IReadOnlyList<MatchField> fields)
    {
        _fields = fields;
        _totalWeight = fields.Sum(f => f.Weight);
    }

    /// <summary>The match fields.</summary>
    public IReadOnlyList<MatchField> Fields => _fields;

    /// <summary>Normalised values (and phonetic codes for names) of one row, one per field.</summary>
    public PreparedRecord Prepare(string[] row)
    {
        var values = new string[_fields.Count];
        var codes = new string[_fields.Count];
        for (int i = 0; i < _fields.Count; i++)
        {
            values[i] = MatchNormalizer.Normalize(row[_fields[i].Column], _fields[i].Kind);
            if (_fields[i].Kind == MatchFieldKind.Address)
            {
                values[i] = StringSimilarity.SortTokens(values[i]); // token-sort ratio = Indel ratio of sorted tokens
            }

            codes[i] = IsName(_fields[i].Kind) ? Soundex.Encode(values[i]) : "";
        }

        return new PreparedRecord(values, codes);
    }

    /// <summary>Weighted similarity 0–100 of two prepared rows.</summary>
    public double Score(PreparedRecord a, PreparedRecord b)
    {
        if (_totalWeight <= 0)
        {
            return 0;
        }

        double sum = 0;
        for (int i = 0; i < _fields.Count; i++)
        {
            sum += _fields[i].Weight * FieldSimilarity(_fields[i].Kind, a.Values[i], b.Values[i], a.Codes[i], b.Codes[i]);
        }

        return sum / _totalWeight;
    }

    /// <summary>
    /// True when <see cref="Score"/> would be ≥ <paramref name="threshold"/>; stops as soon as the remaining fields
    /// (all scoring 100) could no longer reach it.
    /// </summary>
    public bool Reaches(PreparedRecord a, PreparedRecord b, double threshold)
    {
        if (_totalWeight <= 0)
        {
            return threshold <= 0;
        }

        double needed = threshold * _totalWeight;
        double sum = 0;
        double remaining = _totalWeight;
        for (int i = 0; i < _fields.Count; i++)
        {
            remaining -= _fields[i].Weight;
            sum += _fields[i].Weight * FieldSimilarity(_fields[i].Kind, a.Values[i], b.Values[i], a.Codes[i], b.Codes[i]);
            if (sum + remaining * 100 < needed - 1e-9)
            {
                return false;
            }
        }

        return sum / _totalWeight >= threshold;
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
            MatchFieldKind.Zip => 0,
            _ => StringSimilarity.IndelRatio(a, b),
        };
    }

    /// <summary>True for the name kinds (Jaro-Winkler + phonetic).</summary>
    public static bool IsName(MatchFieldKind kind) =>
        kind is MatchFieldKind.FirstName or MatchFieldKind.LastName or MatchFieldKind.FullName;
}
