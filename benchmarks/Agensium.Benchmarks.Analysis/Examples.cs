using Agensium.Analysis.Master;

namespace Agensium.Benchmarks.Analysis;

/// <summary>Writes sample errors of a clustering for inspection: rows merged across entities and entities split across clusters.</summary>
public static class Examples
{
    public static void Write(string path, MasterTable table, ClusterAssignment clusters, string[] entityOf, int max = 40)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("# wrongly merged (one cluster, several entities)");
        int shown = 0;
        foreach (var members in clusters.Members())
        {
            if (shown < max && members.Select(r => entityOf[r]).Distinct().Count() > 1)
            {
                shown++;
                foreach (int r in members)
                {
                    writer.WriteLine($"{entityOf[r]}\t{string.Join(" | ", table.Row(r))}");
                }

                writer.WriteLine();
            }
        }

        writer.WriteLine("# wrongly split (one entity, several clusters)");
        shown = 0;
        foreach (var group in Enumerable.Range(0, entityOf.Length).GroupBy(r => entityOf[r]))
        {
            if (shown < max && group.Select(r => clusters.ClusterOf[r]).Distinct().Count() > 1)
            {
                shown++;
                foreach (int r in group)
                {
                    writer.WriteLine($"c{clusters.ClusterOf[r]}\t{string.Join(" | ", table.Row(r))}");
                }

                writer.WriteLine();
            }
        }
    }
}
