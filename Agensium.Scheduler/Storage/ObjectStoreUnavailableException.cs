namespace Agensium.Scheduler.Storage;

/// <summary>
/// Object storage did not answer in time, or did not a few seconds ago and is not being called again yet. A timeout,
/// so transient: a job retries, and the API answers 503 DEPENDENCY_UNAVAILABLE naming S3.
/// </summary>
public sealed class ObjectStoreUnavailableException(string message, Exception? inner = null) : TimeoutException(message, inner);
