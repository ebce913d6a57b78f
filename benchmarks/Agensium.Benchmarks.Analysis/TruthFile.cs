using System.Globalization;

namespace Agensium.Benchmarks.Analysis;

/// <summary>Reads gen_customers.py's ground truth (row_num, customer_id, entity_id, dup_type; row_num 1-based).</summary>
public static class TruthFile
{
    /// <summary>Entity id per 0-based data row.</summary>
    public static string[] EntityIds(string path, int rows)
    {
        var (numbers, ids) = EntityNumbers(path, rows);
        return [.. numbers.Select(n => ids[n])];
    }

    /// <summary>
    /// Entity per 0-based data row as a number (the first entity read is 0, the next new one 1, …), and the entity ids by
    /// number: the pairwise figures need only which rows share an entity.
    /// </summary>
    public static (int[] Numbers, List<string> Ids) EntityNumbers(string path, int rows)
    {
        var entity = new int[rows];
        Array.Fill(entity, -1);
        var ids = new List<string>();
        var numberOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = numberOf.GetAlternateLookup<ReadOnlySpan<char>>();
        using var reader = new StreamReader(path);
        string header = reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty.");
        var names = header.Split(',');
        int rowColumn = Array.IndexOf(names, "row_num");
        int entityColumn = Array.IndexOf(names, "entity_id");
        if (rowColumn < 0 || entityColumn < 0)
        {
            throw new InvalidDataException($"{path} has no row_num/entity_id header.");
        }

        Span<Range> cells = stackalloc Range[names.Length + 1];
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var text = line.AsSpan();
            int count = text.Split(cells, ',');
            if (count <= Math.Max(rowColumn, entityColumn))
            {
                throw new InvalidDataException($"{path}: a line has {count} fields: {line}");
            }

            int row = int.Parse(text[cells[rowColumn]], CultureInfo.InvariantCulture) - 1;
            if (row >= 0 && row < rows)
            {
                var id = text[cells[entityColumn]];
                if (!lookup.TryGetValue(id, out int number))
                {
                    number = ids.Count;
                    ids.Add(id.ToString());
                    lookup[id] = number;
                }

                entity[row] = number;
            }
        }

        int missing = Array.IndexOf(entity, -1);
        return missing < 0 ? (entity, ids) : throw new InvalidDataException($"{path} has no entity for data row {missing + 1}.");
    }
}
