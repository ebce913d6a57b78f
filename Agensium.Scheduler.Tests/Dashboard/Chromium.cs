using Microsoft.Playwright;

namespace Agensium.Scheduler.Tests.Dashboard;

/// <summary>
/// One headless Chromium for the browser tests: the distribution's (apt chromium, /usr/bin/chromium, or
/// AGENSIUM_CHROMIUM), driven by Playwright; Playwright's own browser download is never used.
/// </summary>
public static class Chromium
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("AGENSIUM_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<IBrowser> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }
            if (!File.Exists(ExecutablePath))
            {
                throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath}: scripts/test.sh installs apt's chromium.");
            }
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            });
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task CloseAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }
        _playwright?.Dispose();
        _playwright = null;
    }

    /// <summary>Where the page screenshots go: docs/screenshots of the checkout the tests were built from.</summary>
    public static string ScreenshotDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Agensium.Scheduler.sln")))
        {
            dir = dir.Parent;
        }
        var target = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "docs", "screenshots");
        Directory.CreateDirectory(target);
        return target;
    }
}
