using System.Text.Json.Serialization;

namespace Agensium.Scheduler.Api;

/// <summary>The body of every 4xx/5xx answer: {error_code, message}.</summary>
public sealed record ApiError(
    [property: JsonPropertyName("error_code")] string ErrorCode,
    [property: JsonPropertyName("message")] string Message)
{
    public static IResult Result(int status, string code, string message) =>
        Results.Json(new ApiError(code, message), statusCode: status);

    public static IResult BadRequest(string code, string message) => Result(StatusCodes.Status400BadRequest, code, message);
    public static IResult NotFound(string code, string message) => Result(StatusCodes.Status404NotFound, code, message);
    public static IResult Conflict(string code, string message) => Result(StatusCodes.Status409Conflict, code, message);
}
