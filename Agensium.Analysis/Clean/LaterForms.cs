namespace Agensium.Analysis.Clean;

/// <summary>
/// Whether a row's <see cref="RowForms"/> are new among the earlier rows of its normalised row, when it is not the
/// first of them. Equal raw text (or equal normalised text with equal numbers as written) means an equal normalised
/// row, so a form can only repeat within one normalised row: it is new unless it is that row's first form or one of
/// the forms of its later rows that differed from it. Only those are kept: a handful beside the rows, where a table of
/// every row's forms held two entries per row.
/// </summary>
internal sealed class LaterForms
{
    private readonly HashSet<UInt128> _exact = [];
    private readonly HashSet<UInt128> _asWritten = [];

    /// <summary>Whether <paramref name="row"/>'s forms are new, given the forms of its normalised row's first row; remembers them.</summary>
    public (bool NewExact, bool NewAsWritten) See(in RowForms first, in RowForms row) =>
        (row.Exact != first.Exact && _exact.Add(row.Exact), row.AsWritten != first.AsWritten && _asWritten.Add(row.AsWritten));
}
