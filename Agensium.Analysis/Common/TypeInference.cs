namespace Agensium.Analysis.Common;

/// <summary>Decides a column's type and semantic from counts of how its non-null values parse.</summary>
public static class TypeInference
{
    /// <summary>Share (percent) of non-null values a format must reach for <see cref="Semantic"/> to name it.</summary>
    public const double SemanticThresholdPct = 70;

    /// <summary>
    /// integer when every non-null value is a whole number, float when every one is a number, boolean when every one
    /// is true/false, date when every one is a date, string otherwise; empty when the column has no non-null value.
    /// </summary>
    public static string InferType(long nonNull, long integers, long numbers, long booleans, long dates) =>
        nonNull == 0 ? "empty"
        : integers == nonNull ? "integer"
        : numbers == nonNull ? "float"
        : booleans == nonNull ? "boolean"
        : dates == nonNull ? "date"
        : "string";

    /// <summary>True for integer and float.</summary>
    public static bool IsNumeric(string inferredType) => inferredType is "integer" or "float";

    /// <summary>email, date, numeric, boolean, phone, text or empty: what the values look like.</summary>
    public static string Semantic(string inferredType, double emailPct, double datePct, double phonePct) =>
        inferredType == "empty" ? "empty"
        : emailPct > SemanticThresholdPct ? "email"
        : inferredType == "date" || datePct > SemanticThresholdPct ? "date"
        : IsNumeric(inferredType) ? "numeric"
        : inferredType == "boolean" ? "boolean"
        : phonePct > SemanticThresholdPct ? "phone"
        : "text";
}
