namespace Agensium.Scheduler.Operations;

/// <summary>What an operator action did: OK, or an HTTP status with an error code and a message for the caller.</summary>
public sealed record ActionResult(int Status, string Outcome, string Message, object? Body = null)
{
    public bool Ok => Status < 300;

    public static ActionResult Done(string message, object? body = null) => new(StatusCodes.Status200OK, "OK", message, body);
    public static ActionResult Error(int status, string code, string message) => new(status, code, message);

    public IResult ToHttp() => Ok ? Results.Ok(Body ?? new { message = Message }) : Api.ApiError.Result(Status, Outcome, Message);
}
