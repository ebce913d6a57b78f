using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Hosting;

/// <summary>
/// ASP.NET Core's forwarded-headers middleware, for <see cref="TrustedProxyOptions"/> only: X-Forwarded-For is read
/// from a connection of a listed proxy, walking its entries from the right while each hop is itself a listed proxy,
/// so a client cannot put an address of its choosing in front of the proxy's. With no proxy listed the middleware is
/// not added at all: its own defaults trust loopback, through which a client on the node's host could name any address.
/// Only the client address is taken; scheme and host stay the connection's (the dashboard's same-origin check and its
/// Secure cookie read them).
/// </summary>
public static class TrustedProxies
{
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var trusted = app.Services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value;
        if (!trusted.Enabled)
        {
            return app;
        }
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor,
            // Every hop is checked against the lists, so the count needs no limit of its own (a chain of two balancers).
            ForwardLimit = null,
        };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in trusted.ProxyAddresses())
        {
            forwarded.KnownProxies.Add(proxy);
        }
        foreach (var network in trusted.ProxyNetworks())
        {
            forwarded.KnownIPNetworks.Add(network);
        }
        app.UseForwardedHeaders(forwarded);
        return app;
    }
}
