using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Api;

/// <summary>
/// The configured API keys, held only as SHA-256 digests. A presented key is compared with every configured one in
/// fixed time, so neither its length nor its content leaks through timing. Each key also yields a secret for signing
/// dashboard sessions: every node derives the same one, so a login on one node is valid on all, with nothing shared.
/// </summary>
public sealed class ApiKeys
{
    private readonly byte[][] _digests;
    private readonly byte[][] _sessionSecrets;
    private readonly string[] _quotaIds;

    public ApiKeys(IOptions<ApiOptions> options)
    {
        var keys = options.Value.Keys;
        _digests = keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToArray();
        _sessionSecrets = keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes("agensium-dashboard-session\n" + k))).ToArray();
        _quotaIds = keys.Select(k => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("agensium-submit-quota\n" + k)), 0, 8)).ToArray();
    }

    /// <summary>Position of the presented key in the configuration, or null; never says which part differed.</summary>
    public int? Match(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        int? found = null;
        for (var i = 0; i < _digests.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, _digests[i]))
            {
                found ??= i;
            }
        }
        return found;
    }

    public byte[]? SessionSecret(int index) => index >= 0 && index < _sessionSecrets.Length ? _sessionSecrets[index] : null;

    /// <summary>
    /// The key's name in the cluster-wide submit quota: derived from the key itself (not its position, which may
    /// differ between nodes' configurations), and not reversible to it.
    /// </summary>
    public string? QuotaId(int index) => index >= 0 && index < _quotaIds.Length ? _quotaIds[index] : null;

    /// <summary>How a key is named in logs, audit rows and rate-limit partitions: its position, never the key.</summary>
    public static string IdOf(int index) => "key-" + index;
}
