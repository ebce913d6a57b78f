using System.Security.Cryptography;
using System.Text;
using Agensium.Scheduler.Api;
using Microsoft.AspNetCore.WebUtilities;

namespace Agensium.Scheduler.Dashboard;

/// <summary>
/// The dashboard's login cookie: which key was entered (by position), a random session id, the operator's name for the
/// audit log and an expiry, signed with HMAC-SHA256 under a secret derived from that key. Any node accepts a cookie
/// issued by another; a logout records the session id (<see cref="DashboardSessionRevocations"/>) so that every node
/// refuses it from then on, and removing a key from the configuration ends its sessions.
/// </summary>
public sealed class DashboardSession(ApiKeys keys, TimeProvider time)
{
    public const string CookieName = "agensium_dashboard";
    public const int MaxNameLength = 64;

    public sealed record Operator(int KeyIndex, string Name, string SessionId, DateTimeOffset ExpiresAt)
    {
        /// <summary>The audit log's "who": the name given at login and the key it used.</summary>
        public string Actor => ActorOf(KeyIndex, Name);
    }

    /// <summary>"name (key-N)", or "key-N" without a name.</summary>
    public static string ActorOf(int keyIndex, string name) => name.Length == 0 ? ApiKeys.IdOf(keyIndex) : $"{name} ({ApiKeys.IdOf(keyIndex)})";

    public string Issue(int keyIndex, string name, TimeSpan lifetime)
    {
        var expires = time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var sessionId = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var payload = Encoding.UTF8.GetBytes($"v2|{keyIndex}|{expires}|{sessionId}|{name}");
        var mac = HMACSHA256.HashData(keys.SessionSecret(keyIndex) ?? throw new ArgumentOutOfRangeException(nameof(keyIndex)), payload);
        return WebEncoders.Base64UrlEncode(payload) + "." + WebEncoders.Base64UrlEncode(mac);
    }

    public Operator? Validate(string? cookie)
    {
        var dot = cookie?.IndexOf('.') ?? -1;
        if (cookie is null || cookie.Length > 1024 || dot < 1)
        {
            return null;
        }
        byte[] payload, mac;
        try
        {
            payload = WebEncoders.Base64UrlDecode(cookie[..dot]);
            mac = WebEncoders.Base64UrlDecode(cookie[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
        // v1 cookies (no session id, so no logout could end them) are refused: their holders log in again.
        var parts = Encoding.UTF8.GetString(payload).Split('|', 5);
        if (parts.Length != 5 || parts[0] != "v2" || !int.TryParse(parts[1], out var index) || !long.TryParse(parts[2], out var expires)
            || parts[3].Length == 0 || keys.SessionSecret(index) is not { } secret)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, payload), mac))
        {
            return null;
        }
        return expires > time.GetUtcNow().ToUnixTimeSeconds() ? new Operator(index, parts[4], parts[3], DateTimeOffset.FromUnixTimeSeconds(expires)) : null;
    }

    /// <summary>A name fit for the audit log: printable, no separators or direction marks, at most 64 characters.</summary>
    public static string CleanName(string? name)
    {
        // By Unicode scalar: an emoji (a surrogate pair) is kept whole, a lone surrogate is dropped (EnumerateRunes
        // yields it as U+FFFD, a replacement character, skipped here too).
        var clean = new StringBuilder();
        foreach (var rune in (name ?? "").Trim().EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (rune.Value == '|' || rune == Rune.ReplacementChar || Rune.IsControl(rune) || category is System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }
            if (clean.Length + rune.Utf16SequenceLength > MaxNameLength)
            {
                break;
            }
            clean.Append(rune.ToString());
        }
        return clean.ToString().Trim();
    }
}
