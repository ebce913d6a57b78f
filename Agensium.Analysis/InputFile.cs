namespace Agensium.Analysis;

/// <summary>A local input file of an analysis: its original name (which decides its role) and where it lies on disk.</summary>
public sealed record InputFile(string Name, string Path);
