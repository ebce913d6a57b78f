namespace Agensium.Analysis.Input;

/// <summary>What <see cref="TextFileSniffer"/> learnt from the start of a file.</summary>
/// <param name="HasUtf8Bom">True when the file starts with the UTF-8 byte order mark.</param>
/// <param name="Prefix">The first bytes (at most 64 KB) decoded as UTF-8, without the BOM.</param>
public sealed record SniffResult(bool HasUtf8Bom, string Prefix);
