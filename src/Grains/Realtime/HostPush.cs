using CaseGrid.Contracts.Realtime;
using Orleans.Utilities;

namespace CaseGrid.Grains.Realtime;

/// <summary>Sends to every subscribed API host without waiting: the observer methods are one-way.</summary>
internal static class HostPush
{
    public static void Push(this ObserverManager<ICaseGridHostObserver> hosts, Func<ICaseGridHostObserver, Task> send) =>
        hosts.Notify(host => _ = send(host));
}
