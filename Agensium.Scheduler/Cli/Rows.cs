using System.Globalization;
using System.Text.Json;
using Npgsql;
using Spectre.Console;

namespace Agensium.Scheduler.Cli;

/// <summary>Query results as rows, printed as a terminal table or as JSON for scripts.</summary>
public static class Rows
{
    public static async Task<List<Dictionary<string, object?>>> QueryAsync(NpgsqlDataSource db, string sql, CancellationToken ct,
        params (string Name, object Value)[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }
        return rows;
    }

    public static void Print(IReadOnlyList<Dictionary<string, object?>> rows, bool json, string? title = null)
    {
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(rows, CliJson.Indented));
            return;
        }
        if (rows.Count == 0)
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(title ?? "")}: nothing[/]");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title(Markup.Escape(title));
        }
        foreach (var column in rows[0].Keys)
        {
            table.AddColumn(Markup.Escape(column));
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Values.Select(v => Markup.Escape(Format(v))).ToArray());
        }
        AnsiConsole.Write(table);
    }

    private static string Format(object? value) => value switch
    {
        null => "-",
        DateTime d => d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double f => f.ToString("0.##", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
