namespace Agensium.Benchmarks.Analysis;

/// <summary>Reads gen_customers.py's ground truth (row_num, customer_id, entity_id, dup_type; row_num 1-based).</summary>
public static class TruthFile
{
    /// <summary>Entity id per 0-based data row.</summary>
    public static string[] EntityIds(string path, int rows)
    {
        var entity = new string[rows];
        using var reader = new StreamReader(path);
        string header = reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty.");
        var names = header.Split(',');
        int rowColumn = Array.IndexOf(names, "row_num");
        int entityColumn = Array.IndexOf(names, "entity_id");
        if (rowColumn < 0 || entityColumn < 0)
        {
            throw new InvalidDataException($"{path} has no row_num/entity_id header.");
        }

        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var cells = line.Split(',');
            int row = int.Parse(cells[rowColumn], System.Globalization.CultureInfo.InvariantCulture) - 1;
            if (row >= 0 && row < rows)
            {
                entity[row] = cells[entityColumn];
            }
        }

        int missing = Array.FindIndex(entity, e => e is null);
        return missing < 0 ? entity : throw new InvalidDataException($"{path} has no entity for data row {missing + 1}.");
    }
}
