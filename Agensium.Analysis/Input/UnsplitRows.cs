namespace Agensium.Analysis.Input;

/// <summary>Rows read as one column that another delimiter would split into the same number of fields each.</summary>
/// <param name="Delimiter">The delimiter every sampled row holds, outside quotes.</param>
/// <param name="Fields">The fields it splits each sampled row into.</param>
public sealed record UnsplitRows(char Delimiter, int Fields);
