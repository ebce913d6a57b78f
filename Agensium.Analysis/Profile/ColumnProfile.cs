using System.Text.Json.Nodes;

namespace Agensium.Analysis.Profile;

/// <summary>The finished profile of one column: figures derived from its accumulator once the file is read.</summary>
internal sealed class ColumnProfile
{
    private ColumnProfile(ColumnAccumulator acc, long rows, UnifiedProfilerSettings settings)
    {
        Acc = acc;
        Rows = rows;
        string parsedAs = TypeInference.InferType(acc.NonNullCount, acc.IntegerCount, acc.NumberCount, acc.BooleanCount, acc.DateCount);
        LeadingZeroCount = acc.NumberCount == 0 ? 0 : acc.LeadingZeroCount;
        // Digits written with a leading zero ("02134", "0150") are an identifier's, as clean-my-data's type-fixer keeps
        // them (one rule, LeadingZeros): a column of numbers holding any is text, with no mean of ZIP codes.
        if (TypeInference.IsNumeric(parsedAs) && HoldsIdentifierDigits)
        {
            parsedAs = "string";
        }

        // AGENSIUM 5.1: date text stays a string type; detected_semantic says "date".
        InferredType = parsedAs == "date" ? "string" : parsedAs;
        NullPct = Rounding.Share(acc.NullCount, rows);
        Numeric = !TypeInference.IsNumeric(InferredType) || !acc.AllNumeric || acc.NumberCount == 0 ? null
            : acc.Sketch is { } sketch
                ? NumericSummary.FromSketch(sketch, acc.NumericMin, acc.NumericMax, acc.NumericMean, acc.NumericStd, settings.OutlierIqrMultiplier)
                : NumericSummary.Compute(acc.Values!, settings.OutlierIqrMultiplier);
        // A numeric column's values are counted by number ("0" and "-0.0" are one), while every distinct text is known.
        _byNumber = Numeric is not null && !acc.DistinctIsEstimate ? NumberSpellings.Group(acc.ValueCounts.Entries()) : null;
        DistinctCount = _byNumber?.Count ?? acc.DistinctCount;
        DistinctWithNull = DistinctCount + (acc.NullCount > 0 ? 1 : 0);
        Semantic = TypeInference.Semantic(parsedAs, Pct(acc.EmailCount), Pct(acc.DateCount), Pct(acc.PhoneCount));
        Completeness = QualityScoring.Completeness(NullPct);
        Validity = QualityScoring.Validity(Numeric is not null, Numeric?.OutlierPct ?? 0);
        Consistency = QualityScoring.Consistency(DistinctWithNull);
        Score = QualityScoring.FieldScore(Completeness, Validity, Consistency);
        PiiKind = PiiGuesser.KindOf(acc.Name);
        PiiMatchPct = PiiKind is null || acc.PiiSample is null ? 0 : PiiGuesser.MatchPct(PiiKind, acc.PiiSample);
        PiiSuspected = PiiKind is not null && PiiGuesser.IsSuspected(PiiKind, PiiMatchPct);
        TopValues = _byNumber is null ? acc.TopValues(settings.TopNValues) : [.. _byNumber.Take(Math.Max(0, settings.TopNValues))];
    }

    // The values counted by number, most frequent first, for a numeric column whose distinct values are all known; else null.
    private readonly List<KeyValuePair<string, long>>? _byNumber;

    public ColumnAccumulator Acc { get; }
    public long Rows { get; }
    public string Name => Acc.Name;
    public string InferredType { get; }
    public string Semantic { get; }
    public double NullPct { get; }
    public NumericSummary? Numeric { get; }
    /// <summary>Distinct non-null values (a numeric column's by number).</summary>
    public long DistinctCount { get; }
    public long DistinctWithNull { get; }
    public double Completeness { get; }
    public double Validity { get; }
    public double Consistency { get; }
    public double Score { get; }
    public string? PiiKind { get; }
    public double PiiMatchPct { get; }
    public bool PiiSuspected { get; }
    public IReadOnlyList<KeyValuePair<string, long>> TopValues { get; }

    /// <summary>Numbers written with a leading zero ("02134": <see cref="LeadingZeros"/>).</summary>
    public long LeadingZeroCount { get; }

    /// <summary>True when the column's numbers are identifiers' digits (<see cref="LeadingZeros.MakeColumnText"/>).</summary>
    public bool HoldsIdentifierDigits => LeadingZeros.MakeColumnText(LeadingZeroCount);

    /// <summary>
    /// A string column holding some values that parse as numbers, other than a column of identifiers written with
    /// leading zeros, whose digits are its values' form, not numbers stored as text (type-fixer never converts them).
    /// </summary>
    public bool HasNumericText => InferredType == "string" && Acc.NumberCount > 0 && !HoldsIdentifierDigits;

    public static ColumnProfile From(ColumnAccumulator acc, long rows, UnifiedProfilerSettings settings) => new(acc, rows, settings);

    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["position"] = Acc.Position,
        ["inferred_type"] = InferredType,
        ["detected_semantic"] = Semantic,
        ["total_count"] = Rows,
        ["non_null_count"] = Acc.NonNullCount,
        ["null_count"] = Acc.NullCount,
        ["null_pct"] = Rounding.Pct(NullPct),
        ["empty_count"] = Acc.EmptyCount,
        ["whitespace_only_count"] = Acc.WhitespaceCount,
        ["null_token_count"] = Acc.NullTokenCount,
        ["missing_field_count"] = Acc.MissingCount,
        ["distinct_count"] = DistinctCount,
        ["distinct_count_is_estimate"] = Acc.DistinctIsEstimate,
        ["unique_pct"] = Rounding.Pct(Rounding.Share(DistinctWithNull, Rows)),
        ["numeric_like_count"] = Acc.NumberCount,
        ["leading_zero_count"] = LeadingZeroCount,
        ["numeric_stats"] = NumericJson(),
        ["text_length"] = TextLengthJson(),
        ["entropy"] = Rounding.Stat(Entropy()),
        ["top_values"] = new JsonArray([.. TopValues.Select(p => (JsonNode)new JsonObject
        {
            ["value"] = p.Key,
            ["count"] = p.Value,
            ["pct"] = Rounding.Pct(Rounding.Share(p.Value, Rows)),
        })]),
        ["top_values_is_estimate"] = Acc.DistinctIsEstimate,
        ["valid_email_count"] = Acc.EmailCount,
        ["valid_email_pct"] = Rounding.Pct(Pct(Acc.EmailCount)),
        ["valid_phone_count"] = Acc.PhoneCount,
        ["valid_phone_pct"] = Rounding.Pct(Pct(Acc.PhoneCount)),
        ["valid_date_count"] = Acc.DateCount,
        ["valid_date_pct"] = Rounding.Pct(Pct(Acc.DateCount)),
        ["pii"] = new JsonObject
        {
            ["suspected"] = PiiSuspected,
            ["kind"] = PiiKind,
            ["match_pct"] = Rounding.Pct(PiiMatchPct),
        },
        ["quality"] = new JsonObject
        {
            ["completeness"] = Rounding.Pct(Completeness),
            ["validity"] = Rounding.Pct(Validity),
            ["consistency"] = Rounding.Pct(Consistency),
            ["score"] = Rounding.Pct(Score),
            ["grade"] = QualityScoring.Grade(Score),
        },
    };

    /// <summary>Share of non-null values, in percent.</summary>
    private double Pct(long count) => Rounding.Share(count, Acc.NonNullCount);

    // Shannon entropy in bits of the non-null value distribution (a numeric column's by number; once distinct is
    // estimated, over the values counted exactly and the frequent ones met past the cap).
    private double Entropy() =>
        _byNumber is null ? Acc.KnownEntropy() : ColumnAccumulator.Entropy([.. _byNumber.Select(p => p.Value)]);

    private JsonObject? NumericJson() => Numeric is not { } n ? null : new JsonObject
    {
        ["count"] = n.Count,
        ["min"] = Rounding.Stat(n.Min),
        ["max"] = Rounding.Stat(n.Max),
        ["mean"] = Rounding.Stat(n.Mean),
        ["std"] = Rounding.Stat(n.Std),
        ["median"] = Rounding.Stat(n.Median),
        ["q1"] = Rounding.Stat(n.Q1),
        ["q3"] = Rounding.Stat(n.Q3),
        ["iqr"] = Rounding.Stat(n.Iqr),
        ["lower_fence"] = Rounding.Stat(n.LowerFence),
        ["upper_fence"] = Rounding.Stat(n.UpperFence),
        ["outlier_count"] = n.OutlierCount,
        ["outlier_pct"] = Rounding.Pct(n.OutlierPct),
        ["z_outlier_count"] = n.ZOutlierCount,
        ["quantiles_estimated"] = n.Estimated,
        ["quantile_method"] = n.Estimated
            ? $"KLL sketch past {Acc.Sketch?.Count:N0} values (exact_quantile_limit): median, quartiles, fences and outlier counts are estimates within about 1% of rank; count, min, max, mean and std are exact"
            : "exact",
    };

    private JsonObject? TextLengthJson() => Acc.NonNullCount == 0 || Numeric is not null ? null : new JsonObject
    {
        ["min"] = Acc.MinLength,
        ["max"] = Acc.MaxLength,
        ["mean"] = Rounding.Stat((double)Acc.TotalLength / Acc.NonNullCount),
    };
}
