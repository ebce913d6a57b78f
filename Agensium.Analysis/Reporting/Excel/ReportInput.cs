namespace Agensium.Analysis.Reporting.Excel;

/// <summary>An input file as the Summary sheet lists it.</summary>
/// <param name="Name">File name as uploaded.</param>
/// <param name="Role">primary, baseline, parameters, or ignored (a data file a later one of its role superseded).</param>
/// <param name="SizeBytes">Size of the file, or null when it is not on disk.</param>
public sealed record ReportInput(string Name, string Role, long? SizeBytes)
{
    /// <summary>The roles of a resolved input set, primary first.</summary>
    public static IReadOnlyList<ReportInput> Of(Input.InputFileSet inputs)
    {
        // As uploaded: a workbook or JSON file is listed under its own name and size, not its converted CSV's.
        var list = new List<ReportInput> { Create(inputs.PrimaryUploaded, "primary") };
        if (inputs.BaselineUploaded is not null)
        {
            list.Add(Create(inputs.BaselineUploaded, "baseline"));
        }

        if (inputs.Parameters is not null)
        {
            list.Add(Create(inputs.Parameters, "parameters"));
        }

        list.AddRange(inputs.Superseded.Select(f => Create(f, "ignored")));
        return list;
    }

    private static ReportInput Create(InputFile file, string role) =>
        new(file.Name, role, File.Exists(file.Path) ? new FileInfo(file.Path).Length : null);
}
