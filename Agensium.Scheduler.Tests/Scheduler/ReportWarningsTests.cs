using System.Text;
using Agensium.Scheduler.Cli;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>The CLI's warnings come from the head of a report, without reading (or holding) its bulky rest.</summary>
[TestClass]
public sealed class ReportWarningsTests
{
    [TestMethod]
    public void ReadHead_ShouldStopAfterMetadataAndAlerts_WhateverFollows()
    {
        // What follows the alerts is not even valid JSON here: it is never read.
        const string head = """
            {
              "metadata": {"failed_agents": [{"agent_id": "null-handler", "error_code": "PROCESSING_ERROR", "error": "no column 'Age'"}],
                           "ignored_inputs": ["a.csv"], "ignored_inputs_reason": "the last listed was used: b.csv."},
              "summary": {"x": 1},
              "alerts": [{"alert_id": "alert_profiler_unused_parameter_1", "message": "Parameter unified-profiler.top_n_valuez was not used."},
                         {"alert_id": "alert_profiler_outliers", "message": "not a warning"}],
              "agent_results": {"unified-profiler": [[[
            """;
        var padding = new string(' ', 3 << 20); // past the first chunks
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(head + padding));

        var warnings = ReportWarnings.ReadHead(stream);

        CollectionAssert.AreEqual(new[]
        {
            "agent null-handler failed (PROCESSING_ERROR): no column 'Age'",
            "not analysed: a.csv. the last listed was used: b.csv.",
            "Parameter unified-profiler.top_n_valuez was not used.",
        }, warnings.ToArray());
        Assert.IsLessThan(stream.Length, stream.Position, "the rest of the report was not read");
    }

    [TestMethod]
    public void Read_ShouldSayAPercentageGivenAsAFraction()
    {
        // numeric_threshold 0.7 is used as 0.7 % (most text values nulled): the report's alert had it, the CLI's
        // warnings did not (outside probe: "warnings": [] and nothing on standard error).
        const string report = """
            {"metadata": {"failed_agents": []},
             "alerts": [{"alert_id": "alert_type_fixer_percent_as_fraction_1",
                         "message": "Parameter type-fixer.numeric_threshold is 0.7, used as 0.7 percent: it is on a 0–100 scale. If 70% was meant, write 70."},
                        {"alert_id": "alert_type_fixer_conversions", "message": "not a warning"}]}
            """;

        var warnings = ReportWarnings.ReadHead(new MemoryStream(Encoding.UTF8.GetBytes(report)));

        CollectionAssert.AreEqual(new[] { "Parameter type-fixer.numeric_threshold is 0.7, used as 0.7 percent: it is on a 0–100 scale. If 70% was meant, write 70." },
            warnings.ToArray());
    }

    [TestMethod]
    public void Read_ShouldSayEveryConfigurationAlert_ThoughItsIdHasNoMark()
    {
        // master-my-data numbers its alerts alert_{agent}_{n}: its parameter trouble (a column named in required_fields
        // that the data lacks) was in the report only (s44 review). Other categories stay out of the warnings.
        const string report = """
            {"metadata": {"failed_agents": []},
             "alerts": [{"alert_id": "alert_stewardship_flagger_1", "severity": "medium", "category": "configuration",
                         "message": "Column 'EmailAdress' named in stewardship-flagger.required_fields is not in the data; that entry was ignored. Did you mean 'EmailAddress'?"},
                        {"alert_id": "alert_stewardship_flagger_2", "severity": "high", "category": "data_quality", "message": "not a warning"}]}
            """;

        var warnings = ReportWarnings.ReadHead(new MemoryStream(Encoding.UTF8.GetBytes(report)));

        CollectionAssert.AreEqual(new[] { "Column 'EmailAdress' named in stewardship-flagger.required_fields is not in the data; that entry was ignored. Did you mean 'EmailAddress'?" },
            warnings.ToArray());
    }

    [TestMethod]
    public void ReadHead_ShouldGiveNothing_WhenTheReportHasNoMetadata() =>
        Assert.IsEmpty(ReportWarnings.ReadHead(new MemoryStream("""{"alerts": []}"""u8.ToArray())));
}
