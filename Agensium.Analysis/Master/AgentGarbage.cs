namespace Agensium.Analysis.Master;

/// <summary>
/// Returns the memory a step of the master chain left behind before the next one starts: after reading the file,
/// after each agent, and after entity resolution inside an agent. Each of these steps leaves hundreds of MB of garbage
/// at 1M rows, much of it large arrays (dictionaries, per-row ids, blocking keys, normalised match values) that only a
/// full collection frees; left to itself the runtime let the process grow to ~1 GB while the live data never exceeded
/// ~520 MB (docs/benchmarks.md, 2026-12-03). One blocking, compacting collection per step (~0.2–0.7 s at 1M rows, a few
/// ms on small tables) keeps the peak near the live data of one step.
/// </summary>
internal static class AgentGarbage
{
    /// <summary>A full blocking, compacting collection that also returns the freed memory to the operating system.</summary>
    public static void Release() => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
