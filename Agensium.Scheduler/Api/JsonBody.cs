using System.Text.Json;
using System.Text.Json.Nodes;
using Agensium.Analysis.Common;

namespace Agensium.Scheduler.Api;

/// <summary>
/// Reads a small JSON object body with clear errors for a missing, oversized or malformed one, and for a field the
/// endpoint does not read (a misspelt "queu" would otherwise be ignored and the task go to the default queue).
/// </summary>
public static class JsonBody
{
    public sealed record Parsed(JsonObject? Body, IResult? Error);

    /// <summary>Reads the body; <paramref name="fields"/> are the fields the endpoint reads (any other is a 400 UNKNOWN_FIELD).</summary>
    public static async Task<Parsed> ReadObjectAsync(HttpRequest request, int maxBytes, bool required, IReadOnlyList<string> fields, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return new(null, ApiError.Result(StatusCodes.Status413PayloadTooLarge, "BODY_TOO_LARGE", $"The JSON body may not exceed {maxBytes} bytes."));
        }
        if (ContentCoding.Refusal(request) is { } encoded)
        {
            return new(null, encoded);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return new(null, ApiError.Result(StatusCodes.Status413PayloadTooLarge, "BODY_TOO_LARGE", $"The JSON body may not exceed {maxBytes} bytes."));
            }
            buffer.Write(chunk, 0, read);
        }
        // A UTF-8 byte order mark (some editors and Windows tools write one) is no part of the JSON.
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        if (IsBlank(bytes))
        {
            // Nothing but JSON white space (a `-d ' '`, a trailing newline alone) is no body, as an empty one is.
            return required
                ? new(null, ApiError.BadRequest("EMPTY_BODY", "A JSON object body is required."))
                : new(new JsonObject(), null);
        }
        try
        {

            // JSON text is UTF-8; the parser checks the bytes of a string only when it is read (a 500 then).
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                return new(null, ApiError.BadRequest("INVALID_JSON", "The body is not valid UTF-8 text."));
            }

            // Before the parse: its check for repeated keys reads every key, and throws on such a one too.
            if (HasUnreadableString(bytes))
            {
                return new(null, ApiError.BadRequest("INVALID_JSON", "The body is not valid JSON text: a string or key escapes half of a surrogate pair (\\ud800 without its partner)."));
            }

            // A repeated key is refused here: JsonObject would throw on first use (a 500) instead.
            var node = JsonNode.Parse(bytes, nodeOptions: null, documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
            if (node is not JsonObject obj)
            {
                return new(null, ApiError.BadRequest("INVALID_JSON", "The body must be a JSON object."));
            }

            var unknown = obj.Select(p => p.Key).FirstOrDefault(k => !fields.Contains(k, StringComparer.Ordinal));
            return unknown is null ? new(obj, null) : new(null, UnknownField(unknown, fields));
        }
        catch (JsonException e)
        {
            return new(null, ApiError.BadRequest("INVALID_JSON", $"The body is not valid JSON: {e.Message}"));
        }
    }

    /// <summary>
    /// An endpoint filter for actions that take no body: none, or an empty object, passes; a field is refused
    /// (UNKNOWN_FIELD) rather than ignored, as is a body that is not a JSON object.
    /// </summary>
    public static async ValueTask<object?> RefuseFieldsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        int maxBytes = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.MaxJsonBytes;
        var (_, error) = await ReadObjectAsync(http.Request, maxBytes, required: false, [], http.RequestAborted);
        return error ?? await next(context);
    }

    /// <summary>
    /// True when a string or property name escapes a lone surrogate ("\ud800", "\udc00x"): the parser takes it, but
    /// it is no text and reading it throws (JsonNode on first use, when a handler reads the field or the field names
    /// are checked: a 500 on every JSON route). Only escaped tokens can hold one: the raw bytes are valid UTF-8.
    /// </summary>
    private static bool HasUnreadableString(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
        catch (JsonException)
        {
            return false; // malformed: the parse that follows says where
        }
    }

    /// <summary>True when <paramref name="bytes"/> hold only JSON white space (space, tab, CR, LF), or nothing.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept((ReadOnlySpan<byte>)" \t\r\n"u8) < 0;

    private static IResult UnknownField(string name, IReadOnlyList<string> fields)
    {
        string reads = fields.Count == 0 ? "This endpoint takes no body fields." : $"This endpoint reads: {string.Join(", ", fields)}.";
        string hint = NameSuggestion.Closest(name, fields) is { } closest ? $" Did you mean '{closest}'?" : "";
        return ApiError.BadRequest("UNKNOWN_FIELD", $"Unknown field '{name}'. {reads}{hint}");
    }
}
