using Agensium.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

/// <summary>
/// Every clean chain the tests run checks each profile that followed an agent's changes against counting every cell of
/// the file written: a profile carried wrongly fails the agent (and the test that ran it) instead of skewing the next.
/// </summary>
[TestClass]
public static class FollowedProfileCheck
{
    [AssemblyInitialize]
    public static void CheckEveryFollowedProfile(TestContext context)
    {
        _ = context;
        ProfileBuilder.CheckFollowedProfiles = true;
    }
}
