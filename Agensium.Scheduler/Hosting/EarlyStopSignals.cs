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
        // Not on Windows: there SIGTERM stands for the console's shutdown events, after which Windows ends the process
        // once the handler returns whatever it says, and a service's stop comes from the service manager anyway.
        foreach (var signal in OperatingSystem.IsWindows() ? [] : new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
        {
            try
            {
                registrations.Add(PosixSignalRegistration.Create(signal, Handle));
            }
            catch (Exception e) when (e is PlatformNotSupportedException or System.ComponentModel.Win32Exception or IOException)
            {
                // A platform that cannot take it: the signal keeps its default there, as before; the host's own handling
                // is unchanged.
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

    /// <summary>
    /// From now on a signal stops the host; one that came before stops it now. Once the host has started, its own
    /// console lifetime handles the signals and these registrations are let go.
    /// </summary>
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
        lifetime.ApplicationStarted.Register(Dispose);
    }

    private void Handle(PosixSignalContext context)
    {
        IHostApplicationLifetime? lifetime;
        lock (_gate)
        {
            // A second signal before there is a host to stop (a start hung in its settings, Ctrl-C pressed again) ends the
            // process as the signal does by default: a stop must always be possible.
            if (_requested && _lifetime is null)
            {
                return;
            }
            _requested = true;
            lifetime = _lifetime;
        }
        // The process is not ended by the signal: the host's stop (or Main, before there is a host) ends it.
        context.Cancel = true;
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
