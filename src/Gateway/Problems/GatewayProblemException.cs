namespace OrleansGossip.Gateway.Problems;

/// <summary>
/// A request the API refuses, to be answered as RFC 9457 problem details: a status, a title, and the fields at fault
/// (<see cref="Errors"/>, keyed by the field's JSON path or the route parameter's name).
/// </summary>
public sealed class GatewayProblemException : Exception
{
    public GatewayProblemException()
        : this(StatusCodes.Status400BadRequest, "The request is not valid.")
    {
    }

    public GatewayProblemException(string message)
        : this(StatusCodes.Status400BadRequest, message)
    {
    }

    public GatewayProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status400BadRequest;
        Errors = new Dictionary<string, string[]>();
    }

    public GatewayProblemException(int status, string title, IReadOnlyDictionary<string, string[]>? errors = null, string? detail = null)
        : base(detail ?? title)
    {
        Status = status;
        Title = title;
        Detail = detail;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    public int Status { get; }

    public string? Title { get; }

    public string? Detail { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>Extra members of the problem document (e.g. the line of each field at fault).</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    public static GatewayProblemException BadRequest(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "The request is not valid.", new Dictionary<string, string[]> { [field] = [message] }, message);

    public static GatewayProblemException NotFound(string field, string message) =>
        new(StatusCodes.Status404NotFound, "Not found.", new Dictionary<string, string[]> { [field] = [message] }, message);

    public static GatewayProblemException Conflict(string field, string message) =>
        new(StatusCodes.Status409Conflict, "The request conflicts with the current state.", new Dictionary<string, string[]> { [field] = [message] }, message);
}
