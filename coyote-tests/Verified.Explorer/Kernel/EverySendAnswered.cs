using System;
using System.Threading.Tasks;
using Verified.Coyote.Specifications;
using Verified.User.Sim;

namespace Verified.Explorer.Kernel;

/// <summary>
/// Every message sent is received or its sender gets an error: hot while some Send or Call has entered the kernel and
/// not returned, cold once each has returned with a result. A run that ends hot left a sender blocked for good.
/// </summary>
public sealed class EverySendAnswered : Monitor
{
    private int _outstanding;

    protected override void OnEvent(MonitorEvent monitorEvent)
    {
        _outstanding += monitorEvent switch
        {
            SendIssued => 1,
            SendReturned => -1,
            _ => 0,
        };
        Assert(_outstanding >= 0, "a send returned twice");
        if (_outstanding > 0)
        {
            GotoHotState("outstanding");
        }
        else
        {
            GotoColdState("answered");
        }
    }
}

/// <summary>Tells <see cref="EverySendAnswered"/> about one Send or Call: issued before it enters the kernel, returned with
/// its result.</summary>
public static class Answered
{
    public static async Task<IpcResult> Watch(string sender, Func<Task<IpcResult>> send)
    {
        Specification.Monitor<EverySendAnswered>(new SendIssued(sender));
        IpcResult result = await send();
        Specification.Monitor<EverySendAnswered>(new SendReturned(sender, result.Result));
        return result;
    }
}

public sealed record SendIssued(string Sender) : MonitorEvent;

public sealed record SendReturned(string Sender, ulong Result) : MonitorEvent;
