using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Api;

/// <summary>Reads a small JSON object body with clear errors for a missing, oversized or malformed one.</summary>
public static class JsonBody
{
    public sealed record Parsed(JsonObject? Body, IResult? Error);

    public static async Task<Parsed> ReadObjectAsync(HttpRequest request, int maxBytes, bool required, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return new(null, ApiError.Result(StatusCodes.Status413PayloadTooLarge, "BODY_TOO_LARGE", $"The JSON body may not exceed {maxBytes} bytes."));
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
        if (buffer.Length == 0)
        {
            return required
                ? new(null, ApiError.BadRequest("EMPTY_BODY", "A JSON object body is required."))
                : new(new JsonObject(), null);
        }
        try
        {
            // A UTF-8 byte order mark (some editors and Windows tools write one) is no part of the JSON.
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                bytes = bytes[3..];
            }

            // A repeated key is refused here: JsonObject would throw on first use (a 500) instead.
            var node = JsonNode.Parse(bytes, nodeOptions: null, documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
            return node is JsonObject obj
                ? new(obj, null)
                : new(null, ApiError.BadRequest("INVALID_JSON", "The body must be a JSON object."));
        }
        catch (JsonException e)
        {
            return new(null, ApiError.BadRequest("INVALID_JSON", $"The body is not valid JSON: {e.Message}"));
        }
    }
}
