namespace Agensium.Analysis.Master;

/// <summary>
/// Per code of an e-mail column, an id of the mailbox its address delivers to (<see cref="MatchNormalizer.MailboxKey"/>,
/// worked out once per distinct cell): equal ids ⇔ one mailbox; 0 = blank or a null token (N/A, NULL, …).
/// </summary>
internal static class MailboxCodes
{
    /// <summary>The mailbox ids of <paramref name="column"/>'s codes, and how many ids there are (0 included).</summary>
    public static (int[] ByCode, int Count) Of(MasterColumn column)
    {
        var ids = new Dictionary<string, int>(column.Values.Count + 1, StringComparer.Ordinal) { [""] = 0 };
        var byCode = new int[column.Values.Count];
        for (int code = 0; code < byCode.Length; code++)
        {
            string value = column.Values[code];
            string mailbox = Clean.CellValues.IsNullToken(value) ? "" : MatchNormalizer.MailboxKey(value);
            if (!ids.TryGetValue(mailbox, out int id))
            {
                ids.Add(mailbox, id = ids.Count);
            }

            byCode[code] = id;
        }

        return (byCode, ids.Count);
    }
}
