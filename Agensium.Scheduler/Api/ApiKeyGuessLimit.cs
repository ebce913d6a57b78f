using System.Collections.Concurrent;

namespace Agensium.Scheduler.Api;

/// <summary>
/// Wrong API keys are limited per client address like dashboard logins (<see cref="LoginQuota"/>, a window of its own:
/// 20 wrong keys a minute, counted in Redis across the cluster): beyond that a wrong key is answered 429 RATE_LIMITED,
/// not 401. A right key is never counted. While the address's window is used up, a right key is still let in when this
/// node saw it used from that address in the last <see cref="ProvenFor"/> (the client that was working keeps working,
/// whoever else shares its address), and refused with 429 otherwise: if every right key were let in, a guesser would
/// tell a hit from the 429s and the limit would not slow guessing at all. So the only Redis look-up a right key costs
/// is its first use from an address on a node in that time.
/// </summary>
public sealed class ApiKeyGuessLimit(LoginQuota quota)
{
    /// <summary>How long a right key used from an address keeps being let in while the address is limited.</summary>
    public static readonly TimeSpan ProvenFor = TimeSpan.FromMinutes(10);

    /// <summary>Address and key pairs remembered; past it the memory starts again (a pair then costs one look-up).</summary>
    private const int MaxProven = 10_000;

    private readonly ConcurrentDictionary<(string Address, int KeyIndex), long> _proven = new();

    /// <summary>A right key from the address: null when it is let in, else how long until the address's window ends.</summary>
    public async Task<TimeSpan?> AdmitRightKeyAsync(string clientAddress, int keyIndex)
    {
        var now = Environment.TickCount64;
        if (_proven.TryGetValue((clientAddress, keyIndex), out var seen) && now - seen < (long)ProvenFor.TotalMilliseconds)
        {
            _proven[(clientAddress, keyIndex)] = now;
            return null;
        }
        if (await quota.ExhaustedAsync(clientAddress, LoginQuota.ApiKeyScope) is { } wait)
        {
            return wait;
        }
        if (_proven.Count >= MaxProven)
        {
            _proven.Clear();
        }
        _proven[(clientAddress, keyIndex)] = now;
        return null;
    }

    /// <summary>Counts a wrong key from the address: null while it has attempts left (401), else how long until its window ends (429).</summary>
    public Task<TimeSpan?> CountWrongKeyAsync(string clientAddress) => quota.TryTakeAsync(clientAddress, LoginQuota.ApiKeyScope);
}
