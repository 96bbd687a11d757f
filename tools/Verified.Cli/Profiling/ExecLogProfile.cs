using System;
using System.Collections.Generic;
using System.Globalization;

namespace Verified.Cli.Profiling;

/// <summary>
/// Guest instructions per guest address from QEMU's <c>-d exec,nochain,in_asm</c> log. Each translation ("IN:" and its
/// instruction lines) is followed by the first execution of that translated block ("Trace N: HOST [cs/PC/flags/...]");
/// the host address names the translation, so every later execution of it counts its length, even where one guest
/// address was translated more than once with different lengths. Only executions inside the window count: after the
/// marker address was executed more than <c>from</c> times and at most <c>to</c> times. With a stop address, an
/// operation spans two threads (a sender and the receiver it wakes): inside the window only the executions from each
/// marker up to the next execution of the stop address count, so the other thread's work between its stop and the
/// next marker stays out.
/// </summary>
internal sealed class ExecLogProfile
{
    private readonly ulong _marker;
    private readonly long _from;
    private readonly long _to;
    private readonly ulong? _stop;
    private readonly Dictionary<ulong, long> _lengthOfHost = new();
    private readonly Dictionary<ulong, long> _counts = new();
    private readonly Dictionary<ulong, long> _executions = new();
    private long _pendingLength = -1;
    private long _markerSeen;
    private bool _inSpan;

    public ExecLogProfile(ulong marker, long from, long to, ulong? stop = null)
    {
        _marker = marker;
        _from = from;
        _to = to;
        _stop = stop;
    }

    /// <summary>Executions of the marker inside the window so far (the operations the profile covers).</summary>
    public long Operations => Math.Max(0, Math.Min(_markerSeen, _to) - _from);

    /// <summary>Guest instructions counted per block start address.</summary>
    public IReadOnlyDictionary<ulong, long> Counts => _counts;

    /// <summary>Executions per block start address.</summary>
    public IReadOnlyDictionary<ulong, long> Executions => _executions;

    /// <summary>True once the window is over: the rest of the log changes nothing.</summary>
    public bool Done => _markerSeen > _to;

    public void Feed(string line)
    {
        if (line.StartsWith("IN:", StringComparison.Ordinal))
        {
            _pendingLength = 0;
            return;
        }
        if (line.StartsWith("0x", StringComparison.Ordinal))
        {
            if (_pendingLength >= 0 && line.IndexOf(':') > 0)
            {
                _pendingLength++;
            }
            return;
        }
        if (!line.StartsWith("Trace ", StringComparison.Ordinal) || !TryParseTrace(line, out ulong host, out ulong pc))
        {
            return;
        }
        if (_pendingLength > 0)
        {
            _lengthOfHost[host] = _pendingLength;
        }
        _pendingLength = -1;
        if (pc == _marker)
        {
            _markerSeen++;
            _inSpan = true;
        }
        else if (pc == _stop)
        {
            _inSpan = false;
        }
        if (_markerSeen > _from && _markerSeen <= _to && (_stop is null || _inSpan))
        {
            long length = _lengthOfHost.TryGetValue(host, out long known) ? known : 1;
            _counts[pc] = _counts.GetValueOrDefault(pc) + length;
            _executions[pc] = _executions.GetValueOrDefault(pc) + 1;
        }
    }

    // "Trace 0: 0x7ffa18000100 [00000000ffff0000/00000000fffffff0/00000040/ff020200] symbol"
    private static bool TryParseTrace(string line, out ulong host, out ulong pc)
    {
        host = 0;
        pc = 0;
        int colon = line.IndexOf(": 0x", StringComparison.Ordinal);
        int open = line.IndexOf('[', StringComparison.Ordinal);
        if (colon < 0 || open < 0)
        {
            return false;
        }
        int firstSlash = line.IndexOf('/', open);
        int secondSlash = firstSlash < 0 ? -1 : line.IndexOf('/', firstSlash + 1);
        return secondSlash > 0
            && ulong.TryParse(line.AsSpan(colon + 4, open - colon - 5), NumberStyles.HexNumber, null, out host)
            && ulong.TryParse(line.AsSpan(firstSlash + 1, secondSlash - firstSlash - 1), NumberStyles.HexNumber, null, out pc);
    }
}
