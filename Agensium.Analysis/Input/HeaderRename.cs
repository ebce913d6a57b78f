namespace Agensium.Analysis.Input;

/// <summary>A header cell that was renamed to keep column names unique and non-empty.</summary>
/// <param name="Index">0-based column position.</param>
/// <param name="Original">The header text as found in the file.</param>
/// <param name="Name">The name used in reports.</param>
/// <param name="Reason">"empty" or "duplicate".</param>
public sealed record HeaderRename(int Index, string Original, string Name, string Reason);
