using Agensium.Scheduler.Logging;

namespace Agensium.Scheduler.Api;

/// <summary>
/// The log of uploads refused because this node's work folder cannot be written (507 LOCAL_DISK_UNWRITABLE), said as
/// an outage's lines are (<see cref="OutageLines"/>, <see cref="Dashboard.NodeHeartbeat"/>): the first refusal at once,
/// an ERROR naming the folder; then at most one line per <see cref="OutageLines.RepeatEvery"/> with how many more were
/// refused since; and, at the first upload spooled again, one INFO saying uploads are taken again and how many were
/// refused in all, so the next refusal is said at once. Under a stream of uploads each refusal was an ERROR of its own
/// (s46 review). The count of refusals left out since the last line is also said without a next refusal: the node's
/// heartbeat asks (<see cref="SayPending"/>) every few seconds, and a minute after the last line the count is said with
/// the time of the last refusal. It waited for a next refusal or upload, so the last ones of a quiet spell were never said.
/// </summary>
public sealed class RefusedUploadLines(TimeProvider time, ILogger<RefusedUploadLines> logger)
{
    private readonly object _lock = new();
    private volatile bool _refusing;
    private DateTimeOffset _since;
    private DateTimeOffset _saidAt;
    private int _leftOut;
    private int _refused;
    private (string Folder, string Reason, DateTimeOffset At) _last;

    /// <summary>An upload was refused: the work folder <paramref name="folder"/> could not be written (<paramref name="reason"/>).</summary>
    public void Refused(string method, string path, string folder, string reason)
    {
        var now = time.GetUtcNow();
        int? leftOut;
        lock (_lock)
        {
            _refused++;
            _last = (folder, reason, now);
            if (!_refusing)
            {
                _refusing = true;
                _since = _saidAt = now;
                _leftOut = 0;
                _refused = 1;
                leftOut = 0;
            }
            else if (now - _saidAt >= OutageLines.RepeatEvery)
            {
                leftOut = _leftOut;
                _saidAt = now;
                _leftOut = 0;
            }
            else
            {
                _leftOut++;
                leftOut = null;
            }
        }
        if (leftOut == 0)
        {
            logger.RequestLocalDiskUnwritable(method, path, folder, reason);
        }
        else if (leftOut is { } more)
        {
            logger.UploadsStillRefusedUnwritable(method, path, folder, reason, more);
        }
    }

    /// <summary>
    /// Says how many uploads were refused since the last line, when some were and that line is a minute old (a refusal
    /// would have said it then): called at every heartbeat, so a spell of refusals that stops is counted out too.
    /// </summary>
    public void SayPending()
    {
        if (!_refusing) // the usual case: no lock
        {
            return;
        }
        int leftOut;
        (string Folder, string Reason, DateTimeOffset At) last;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (!_refusing || _leftOut == 0 || now - _saidAt < OutageLines.RepeatEvery)
            {
                return;
            }
            leftOut = _leftOut;
            last = _last;
            _leftOut = 0;
            _saidAt = now;
        }
        logger.UploadsRefusedSinceLastLine(last.Folder, last.Reason, leftOut,
            last.At.UtcDateTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>An upload's body was spooled to the work folder <paramref name="folder"/>: if uploads were refused, they are taken again.</summary>
    public void Spooled(string folder)
    {
        if (!_refusing) // the usual case: no lock
        {
            return;
        }
        int refused;
        DateTimeOffset since;
        lock (_lock)
        {
            if (!_refusing)
            {
                return;
            }
            _refusing = false;
            refused = _refused;
            since = _since;
        }
        logger.UploadsTakenAgain(folder, refused, since.UtcDateTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
    }
}
