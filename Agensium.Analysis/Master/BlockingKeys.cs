namespace Agensium.Analysis.Master;

/// <summary>The blocking keys of one prepared row (see <see cref="EntityResolver"/>).</summary>
public static class BlockingKeys
{
    /// <summary>Keys tagged by kind so different kinds never share a block.</summary>
    public static IEnumerable<string> Of(IReadOnlyList<MatchField> fields, PreparedFields prepared, int row)
    {
        string first = "";
        string last = "";
        string zip = "";
        string born = "";
        bool any = false;
        for (int i = 0; i < fields.Count; i++)
        {
            string value = prepared.Value(row, i);
            if (value.Length == 0)
            {
                continue;
            }

            switch (fields[i].Kind)
            {
                case MatchFieldKind.Email:
                    any = true;
                    yield return "e:" + value;
                    break;
                case MatchFieldKind.Phone when value.Length >= 7:
                    any = true;
                    yield return "p:" + value;
                    break;
                case MatchFieldKind.FirstName:
                    first = first.Length == 0 ? value : first;
                    break;
                case MatchFieldKind.LastName:
                    last = last.Length == 0 ? value : last;
                    break;
                case MatchFieldKind.FullName:
                    var tokens = value.Split(' ');
                    first = first.Length == 0 ? tokens[0] : first;
                    last = last.Length == 0 ? tokens[^1] : last;
                    break;
                case MatchFieldKind.Zip:
                    zip = zip.Length == 0 ? value : zip;
                    break;
                case MatchFieldKind.BirthDate:
                    born = born.Length == 0 ? value : born;
                    break;
            }
        }

        if (last.Length > 0)
        {
            any = true;
            string code = Soundex.Encode(last);
            yield return "n:" + code + (first.Length > 0 ? first[0].ToString() : "");
            if (zip.Length > 0)
            {
                yield return "z:" + zip + ":" + last[..Math.Min(3, last.Length)];
            }
        }

        if (born.Length > 0 && (first.Length > 0 || last.Length > 0))
        {
            // Birth date + the initials of both names in alphabetical order (robust to swapped names).
            any = true;
            char x = first.Length > 0 ? first[0] : '_';
            char y = last.Length > 0 ? last[0] : '_';
            yield return "d:" + born + ":" + (x <= y ? $"{x}{y}" : $"{y}{x}");
        }

        if (!any)
        {
            int i = Enumerable.Range(0, fields.Count).FirstOrDefault(f => prepared.Id(row, f) != 0, -1);
            if (i >= 0)
            {
                string value = prepared.Value(row, i);
                yield return "f:" + i + ":" + value[..Math.Min(4, value.Length)];
            }
        }
    }
}
