using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;

namespace Agensium.Scheduler.Hosting;

/// <summary>
/// The reverse proxies or balancers in front of the nodes whose X-Forwarded-For is believed (<see cref="TrustedProxies"/>),
/// so that the login limit, the audit log and the refused-login log see the user's address rather than the proxy's,
/// which every user behind it shares. Empty, the default: the header is never read and a request's address is its
/// connection's, since any client can write X-Forwarded-For and would otherwise name a fresh address per attempt.
/// </summary>
public sealed class TrustedProxyOptions : IValidatableObject
{
    public const string Section = "TrustedProxies";

    /// <summary>Proxy addresses, e.g. "10.0.0.5" or "fd00::5".</summary>
    public List<string> Proxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. "10.0.0.0/24".</summary>
    public List<string> Networks { get; set; } = [];

    /// <summary>False (no proxy, no network listed): X-Forwarded-For is not read.</summary>
    public bool Enabled => Proxies.Count > 0 || Networks.Count > 0;

    public IEnumerable<IPAddress> ProxyAddresses() => Proxies.Select(p => IPAddress.Parse(p.Trim()));

    public IEnumerable<IPNetwork> ProxyNetworks() => Networks.Select(n => IPNetwork.Parse(n.Trim()));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Proxies.Count; i++)
        {
            if (!IsAddress(Proxies[i]))
            {
                yield return new ValidationResult(
                    $"TrustedProxies:Proxies:{i} '{Proxies[i]}' is not an IP address; give the proxy's address (10.0.0.5, fd00::5), or its network under TrustedProxies:Networks.",
                    [nameof(Proxies)]);
            }
        }
        for (var i = 0; i < Networks.Count; i++)
        {
            if (!IPNetwork.TryParse(Networks[i].Trim(), out var network))
            {
                yield return new ValidationResult(
                    $"TrustedProxies:Networks:{i} '{Networks[i]}' is not a network in CIDR notation (10.0.0.0/24, fd00::/64).",
                    [nameof(Networks)]);
            }
            else if (!network.BaseAddress.Equals(IPAddress.Parse(Networks[i].Trim().Split('/')[0])))
            {
                // IPNetwork drops those bits silently: 10.1.2.3/8 would trust all of 10.0.0.0/8 where one proxy was meant.
                yield return new ValidationResult(
                    $"TrustedProxies:Networks:{i} '{Networks[i]}' has address bits set past its prefix; write {network} for the whole network, or list one proxy under TrustedProxies:Proxies.",
                    [nameof(Networks)]);
            }
            else if (network.PrefixLength == 0)
            {
                yield return new ValidationResult(
                    $"TrustedProxies:Networks:{i} '{Networks[i]}' would trust every client to name its own address; list the proxies' network only.",
                    [nameof(Networks)]);
            }
        }
    }

    // IPAddress.TryParse takes "10.1" for 10.0.0.1 and "5" for 0.0.0.5: an IPv4 address must have its four parts.
    private static bool IsAddress(string text) =>
        IPAddress.TryParse(text.Trim(), out var address)
        && (address.AddressFamily != AddressFamily.InterNetwork || text.Trim().Count(c => c == '.') == 3);
}
