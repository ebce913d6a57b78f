namespace Agensium.Analysis.Master;

/// <summary>
/// Exact clusters (<see cref="ClusterAssignment.Exact(MasterTable, IReadOnlyList{int})"/>) of rows whose keys are not
/// identical because one of them leaves cells blank: a row giving only an e-mail and a row giving the same e-mail and
/// a name are one record. An address delivers to one mailbox, so an e-mail of one mailbox (case, +tag, googlemail.com and
/// a gmail.com name's dots aside, see <see cref="MatchNormalizer.MailboxKey"/>; other punctuation counts, bob@r-ay.org is
/// not bob@ray.org) is strong evidence, and a blank cell says nothing against it. The
/// groups of rows holding one mailbox are joined only when they agree wherever two of them both fill a key cell: when
/// a family shares one address ("Jose Garcia" and "Maria Garcia"), a row with the address alone could be either, and
/// stays on its own. A lone name (no e-mail) joins nothing: many people share one. Rows whose keys are equal once their
/// e-mails are read as mailboxes ("info@smith.com" and "INFO@smith.com", nothing else or the same other cells) say the
/// same thing and are one record whatever other rows hold the mailbox: the family rule keeps a row from joining one of
/// two people, not from joining its own copy. With a key of e-mails alone, so are rows holding one mailbox.
/// </summary>
internal static class SharedMailboxes
{
    /// <summary>
    /// A mailbox held by more distinct keys than this (info@, a placeholder such as test@test.com) is not looked at: it
    /// names no one entity, and comparing its groups pairwise would cost their square.
    /// </summary>
    public const int MaxGroupsPerMailbox = 32;

    /// <summary>Joins, in <paramref name="sets"/>, the exact groups (<paramref name="keyOf"/>, 0 = no key) that share a mailbox and agree.</summary>
    public static void Join(MasterTable table, IReadOnlyList<int> keyColumns, int[] keyOf, ConstrainedClusters sets)
    {
        var emails = Enumerable.Range(0, keyColumns.Count).Where(k => MatchKeys.KindOf(table.Columns[keyColumns[k]]) == MatchFieldKind.Email).ToList();
        if (emails.Count == 0)
        {
            return;
        }

        var columns = keyColumns.Select(table.Column).ToArray();
        var ids = Enumerable.Range(0, keyColumns.Count).Select(k => emails.Contains(k) ? MailboxCodes.Of(columns[k]).ByCode : TrimmedCodes.Of(columns[k])).ToArray();
        int Id(int k, int row) => ids[k][columns[k].CodeOf(row)];
        int[] mailboxKeyOf = TrimmedCodes.RowIds(table, keyColumns, ids).Ids; // e-mails compared as mailboxes
        JoinEqualMailboxKeys(table.RowCount, emails, keyOf, mailboxKeyOf, Id, sets);
        if (keyColumns.Count < 2)
        {
            return; // a key of e-mails alone has no other cell to leave blank
        }

        foreach (int e in emails)
        {
            // Per mailbox, the first row of each exact key holding it.
            var groups = new Dictionary<int, List<int>>();
            var seen = new HashSet<(int Mailbox, int Key)>();
            for (int row = 0; row < table.RowCount; row++)
            {
                int mailbox = Id(e, row);
                if (mailbox != 0 && keyOf[row] != 0 && seen.Add((mailbox, mailboxKeyOf[row])))
                {
                    (groups.TryGetValue(mailbox, out var list) ? list : groups[mailbox] = []).Add(row);
                }
            }

            foreach (var rows in groups.Values)
            {
                if (rows.Count >= 2 && rows.Count <= MaxGroupsPerMailbox && AllAgree(rows, keyColumns.Count, Id))
                {
                    for (int i = 1; i < rows.Count; i++)
                    {
                        sets.TryUnion(rows[0], rows[i]);
                    }
                }
            }
        }
    }

    // Joins the rows holding a mailbox whose keys differ only in how an e-mail is written (case, a +tag, ...) to the
    // first row of that mailbox key.
    private static void JoinEqualMailboxKeys(int rows, List<int> emails, int[] keyOf, int[] mailboxKeyOf, Func<int, int, int> id, ConstrainedClusters sets)
    {
        var first = new Dictionary<int, int>();
        for (int row = 0; row < rows; row++)
        {
            if (keyOf[row] == 0 || !emails.Any(e => id(e, row) != 0))
            {
                continue;
            }

            if (!first.TryGetValue(mailboxKeyOf[row], out int anchor))
            {
                first.Add(mailboxKeyOf[row], row);
            }
            else if (keyOf[anchor] != keyOf[row])
            {
                sets.TryUnion(anchor, row); // rows of one exact key were joined already
            }
        }
    }

    // True when no two of the rows fill one key cell with two different values.
    private static bool AllAgree(List<int> rows, int keys, Func<int, int, int> id)
    {
        for (int i = 0; i < rows.Count; i++)
        {
            for (int j = i + 1; j < rows.Count; j++)
            {
                for (int k = 0; k < keys; k++)
                {
                    int x = id(k, rows[i]), y = id(k, rows[j]);
                    if (x != 0 && y != 0 && x != y)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }
}
