namespace Agensium.Analysis.Master;

/// <summary>A row's normalised match-key values and their Soundex codes (names only, else "").</summary>
/// <param name="Values">Normalised values, one per match field.</param>
/// <param name="Codes">Soundex codes, one per match field.</param>
public sealed record PreparedRecord(string[] Values, string[] Codes);
