namespace Agensium.Scheduler.Storage;

/// <summary>An object under a prefix: its full key, size and last change.</summary>
public sealed record StoredObject(string Key, long Size, DateTime LastModifiedUtc);
