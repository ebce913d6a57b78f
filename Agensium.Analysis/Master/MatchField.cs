namespace Agensium.Analysis.Master;

/// <summary>One match-key column of entity resolution: its position, kind and weight.</summary>
/// <param name="Column">Column index in the table.</param>
/// <param name="Name">Column name.</param>
/// <param name="Kind">How values are normalised and compared.</param>
/// <param name="Weight">Relative weight (normalised over all match keys).</param>
public sealed record MatchField(int Column, string Name, MatchFieldKind Kind, double Weight);
