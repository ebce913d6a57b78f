using System.Text.Json;

namespace Agensium.Scheduler.Api;

/// <summary>
/// Writes a stored JSON report as GET …/report serves it (AGENSIUM §3.1): its snake_case keys in camelCase
/// (agent_results → agentResults), the task's downloads, and each agent's result once more under its agent id. It reads
/// the parsed document and writes straight to the response, flushing as it goes: the report of a 10,000-column file is
/// ~15 MB, and building a camelCase copy of its tree (then a string of it) took a node from 224 to 838 MB with eight
/// requests at once.
/// </summary>
/// <remarks>
/// An agent's <c>data</c> is copied as it is: its keys are often the user's column names (first_name and firstName may
/// both be columns), which are data, not the report's schema; so are the keys of the counts by issue type
/// (issue_summary.by_type: null_value, iqr_outlier), which name the issue_type values of the lists. A key whose
/// camelCase form is already taken keeps its own name. A top-level key that is <c>downloads</c> or an agent id is
/// replaced by the added one, which is written after the report's own keys.
/// </remarks>
public static class CamelCaseReport
{
    private const int FlushBytes = 1 << 16;

    private static readonly HashSet<string> DataKeyed = new(StringComparer.Ordinal) { "data", "by_type", "issues_by_type" };

    /// <summary>Writes <paramref name="report"/> (an object) re-keyed, with <paramref name="downloads"/> and one key per agent id.</summary>
    public static async Task WriteAsync(Utf8JsonWriter writer, JsonElement report, JsonElement downloads, CancellationToken ct)
    {
        var names = CamelNames(report);
        JsonElement? agents = null;
        foreach (var (property, name) in names)
        {
            if (name == "agentResults" && property.Value.ValueKind == JsonValueKind.Object)
            {
                agents = property.Value;
            }
        }

        var agentNames = agents is { } a ? CamelNames(a) : [];
        var added = agentNames.Select(p => p.Name).Append("downloads").ToHashSet(StringComparer.Ordinal);

        writer.WriteStartObject();
        foreach (var (property, name) in names)
        {
            if (!added.Contains(name))
            {
                writer.WritePropertyName(name);
                await ValueAsync(writer, property, ct);
            }
        }

        writer.WritePropertyName("downloads");
        await CamelAsync(writer, downloads, ct);
        foreach (var (property, name) in agentNames)
        {
            writer.WritePropertyName(name);
            await ValueAsync(writer, property, ct);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(ct);
    }

    /// <summary>The camelCase form of a snake_case key; a key with capitals or spaces, or without '_', is kept.</summary>
    public static string Camel(string key)
    {
        if (!key.Contains('_') || key.Any(c => char.IsUpper(c) || char.IsWhiteSpace(c)))
        {
            return key;
        }

        var parts = key.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? key : parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static List<(JsonProperty Property, string Name)> CamelNames(JsonElement obj)
    {
        var own = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            own.Add(property.Name);
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<(JsonProperty, string)>();
        foreach (var property in obj.EnumerateObject())
        {
            string camel = Camel(property.Name);
            string name = camel != property.Name && (own.Contains(camel) || taken.Contains(camel)) ? property.Name : camel;
            taken.Add(name);
            names.Add((property, name));
        }

        return names;
    }

    // A data-keyed subtree (an agent's data, counts by issue type) is copied with its keys as written.
    private static ValueTask ValueAsync(Utf8JsonWriter writer, JsonProperty property, CancellationToken ct) =>
        ElementAsync(writer, property.Value, camel: !(DataKeyed.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.Object), ct);

    private static ValueTask CamelAsync(Utf8JsonWriter writer, JsonElement element, CancellationToken ct) => ElementAsync(writer, element, camel: true, ct);

    /// <summary>Writes a subtree, its keys re-keyed when <paramref name="camel"/>, flushing between items so a large one is not held whole.</summary>
    private static async ValueTask ElementAsync(Utf8JsonWriter writer, JsonElement element, bool camel, CancellationToken ct)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when camel:
                writer.WriteStartObject();
                foreach (var (property, name) in CamelNames(element))
                {
                    writer.WritePropertyName(name);
                    await ValueAsync(writer, property, ct);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    await ElementAsync(writer, property.Value, camel: false, ct);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    await ElementAsync(writer, item, camel, ct);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }

        await FlushIfFullAsync(writer, ct);
    }

    private static ValueTask FlushIfFullAsync(Utf8JsonWriter writer, CancellationToken ct) =>
        writer.BytesPending > FlushBytes ? new ValueTask(writer.FlushAsync(ct)) : ValueTask.CompletedTask;
}
