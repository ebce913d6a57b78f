using System.Runtime.InteropServices;

namespace Agensium.Scheduler.Hosting;

/// <summary>
/// SIGTERM or SIGINT (systemctl stop, Ctrl-C) that comes while the node starts, before its host has handlers of its own
/// (the host's console lifetime registers them only when the host starts): recorded instead of ending the process as the
/// signal does by default (exit 143, nothing said), and passed on to the host once it is built, which then abandons its
/// start and exits 0 with the line of any stop while starting. Registered first thing in Main: what is left before it
/// is the runtime's own start.
/// </summary>
public sealed class EarlyStopSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Lock _gate = new();
    private IHostApplicationLifetime? _lifetime;
    private bool _requested;

    public EarlyStopSignals()
    {
        var registrations = new List<PosixSignalRegistration>();
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
        {
            try
            {
                registrations.Add(PosixSignalRegistration.Create(signal, Handle));
            }
            catch (Exception e) when (e is PlatformNotSupportedException or System.ComponentModel.Win32Exception or IOException)
            {
                // A platform (or a Windows service without a console) that cannot take it: the signal keeps its default
                // there, as before; the host's own handling is unchanged.
            }
        }
        _registrations = [.. registrations];
    }

    /// <summary>Whether a stop was asked for.</summary>
    public bool Requested
    {
        get
        {
            lock (_gate)
            {
                return _requested;
            }
        }
    }

    /// <summary>From now on a signal stops the host; one that came before stops it now.</summary>
    public void HandTo(IHostApplicationLifetime lifetime)
    {
        bool requested;
        lock (_gate)
        {
            _lifetime = lifetime;
            requested = _requested;
        }
        if (requested)
        {
            lifetime.StopApplication();
        }
    }

    private void Handle(PosixSignalContext context)
    {
        // The process is not ended by the signal: the host's stop (or Main, before there is a host) ends it.
        context.Cancel = true;
        IHostApplicationLifetime? lifetime;
        lock (_gate)
        {
            _requested = true;
            lifetime = _lifetime;
        }
        lifetime?.StopApplication();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
