using System.Reflection;

namespace Agensium.Scheduler.Tests;

/// <summary>
/// README: `scripts/test.sh --filter TestCategory!=Integration` runs the unit tests only, with no stack. Every test class
/// of the Integration folder needs the stack (a database, Redis, S3 or service nodes), so each must be tagged, or the
/// unit-only run starts them and they fail without a stack.
/// </summary>
[TestClass]
public sealed class TestCategoryTests
{
    [TestMethod]
    public void EveryIntegrationTestClass_ShouldBeInTheIntegrationCategory()
    {
        var untagged = typeof(TestCategoryTests).Assembly.GetTypes()
            .Where(t => t.Namespace == "Agensium.Scheduler.Tests.Integration" && t.GetCustomAttribute<TestClassAttribute>() is not null)
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<TestMethodAttribute>() is not null)) // not ClusterLifetime's clean-up
            .Where(t => !t.GetCustomAttributes<TestCategoryAttribute>().Any(c => c.TestCategories.Contains("Integration")))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.IsEmpty(untagged, "untagged: " + string.Join(", ", untagged));
    }
}
