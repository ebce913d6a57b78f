namespace Agensium.Analysis;

/// <summary>A file an analysis wrote into its output folder.</summary>
public sealed record OutputFile(string Name, string Path, string ContentType);
