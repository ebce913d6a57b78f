using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting.Excel;

/// <summary>
/// Lays out an agent's report JSON as readable sheet rows: scalars as name/value pairs, a list of objects (or an object
/// of objects, such as one entry per column) as a table with one row per entry and one column per field (nested objects
/// flattened to dotted names, deeper lists kept as compact JSON text), and every other nested object as its own titled section.
/// </summary>
internal static class JsonTableLayout
{
    /// <summary>Fields beyond this many in one table are left out (Excel has 16,384 columns; a readable table far fewer).</summary>
    public const int MaxTableColumns = 500;

    private const int FlattenDepth = 2;

    public static IEnumerable<IReadOnlyList<object?>> Section(string title, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj when IsTable(obj.Select(p => p.Value)):
                return Titled(title, Table(obj.Select(p => ((string?)p.Key, p.Value!.AsObject())), keyHeader: "name"));
            case JsonObject obj:
                return Titled(title, ObjectRows(title, obj));
            case JsonArray array when array.Count > 0 && IsTable(array):
                return Titled(title, Table(array.Select(e => ((string?)null, e!.AsObject())), keyHeader: null));
            case JsonArray array:
                return Titled(title, array.Select(e => (IReadOnlyList<object?>)[e]));
            default:
                return [[title, node]];
        }
    }

    private static IEnumerable<IReadOnlyList<object?>> ObjectRows(string path, JsonObject obj)
    {
        var nested = new List<KeyValuePair<string, JsonNode?>>();
        foreach (var (key, value) in obj)
        {
            if (value is JsonObject or JsonArray { Count: > 0 } && !IsScalarList(value))
            {
                nested.Add(new(key, value));
            }
            else
            {
                yield return [key, value is JsonArray list ? JoinScalars(list) : value];
            }
        }

        foreach (var (key, value) in nested)
        {
            yield return [];
            foreach (var row in Section($"{path} › {key}", value))
            {
                yield return row;
            }
        }
    }

    private static IEnumerable<IReadOnlyList<object?>> Titled(string title, IEnumerable<IReadOnlyList<object?>> rows)
    {
        yield return [title];
        foreach (var row in rows)
        {
            yield return row;
        }
    }

    private static IEnumerable<IReadOnlyList<object?>> Table(IEnumerable<(string? Key, JsonObject Entry)> entries, string? keyHeader)
    {
        var list = entries.ToList();
        var flat = list.Select(e => Flatten(e.Entry)).ToList();
        var fields = flat.SelectMany(f => f.Keys).Distinct(StringComparer.Ordinal).Take(MaxTableColumns).ToList();
        var header = new List<object?>();
        if (keyHeader is not null)
        {
            header.Add(keyHeader);
        }

        header.AddRange(fields);
        yield return header;
        for (int i = 0; i < list.Count; i++)
        {
            var row = new List<object?>(header.Count);
            if (keyHeader is not null)
            {
                row.Add(list[i].Key);
            }

            row.AddRange(fields.Select(f => flat[i].GetValueOrDefault(f)));
            yield return row;
        }
    }

    private static Dictionary<string, object?> Flatten(JsonObject entry)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        Flatten(entry, "", 0, fields);
        return fields;
    }

    private static void Flatten(JsonObject obj, string prefix, int depth, Dictionary<string, object?> fields)
    {
        foreach (var (key, value) in obj)
        {
            string name = prefix + key;
            if (value is JsonObject inner && depth + 1 < FlattenDepth)
            {
                Flatten(inner, name + ".", depth + 1, fields);
            }
            else
            {
                fields[name] = value is JsonArray list && IsScalarList(list) ? JoinScalars(list) : value;
            }
        }
    }

    private static bool IsTable(IEnumerable<JsonNode?> values)
    {
        bool any = false;
        foreach (var value in values)
        {
            if (value is not JsonObject)
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static bool IsScalarList(JsonNode? node) => node is JsonArray list && list.All(e => e is null or JsonValue);

    private static string JoinScalars(JsonArray list) => string.Join(", ", list.Select(e => e?.ToString() ?? "null"));
}
