namespace Agensium.Scheduler.Tests.Integration;

public static class TestFiles
{
    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public static byte[] Sample(string name) => File.ReadAllBytes(SamplePath(name));
}
