using CaseGrid.Contracts.Common;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// What a grain call that failed inside the cluster means for the caller, said honestly. A message Orleans refused to
/// deliver (no gateway, the target silo unreachable, a rejection) certainly did nothing: "cluster.unavailable", 503,
/// retry. A call that was sent and got no answer — it timed out, or its silo died after receiving it — may have been
/// applied: for a write that is "outcome.unknown", 504, and a retry with the same command id or Idempotency-Key is
/// applied at most once. A read that failed either way changed nothing: 503.
/// </summary>
public static class ClusterFailures
{
    /// <summary>The code of a call that certainly did nothing.</summary>
    public const string Unavailable = "cluster.unavailable";

    /// <summary>The code of a write whose outcome is unknown.</summary>
    public const string OutcomeUnknown = "outcome.unknown";

    /// <summary>The code of an unexpected failure.</summary>
    public const string ServerError = "server.error";

    /// <summary>How long a client should wait before retrying either.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>The refusal a failed grain call amounts to, or null when the failure is not the cluster's.</summary>
    public static DomainError? Describe(Exception exception, bool write) => exception switch
    {
        OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or GatewayTooBusyException => NotDone(),
        TimeoutException or SiloUnavailableException or OrleansException when write => new DomainError(
            ErrorKind.OutcomeUnknown, OutcomeUnknown,
            "No answer came from the case (a server failed or was too slow while the change was being made): it may or may not have been made. Send it again with the same command id or Idempotency-Key; it will not be applied twice."),
        TimeoutException or SiloUnavailableException or OrleansException => NotDone(),
        _ => null,
    };

    /// <summary>An unexpected failure of a write: whether it was applied is not known, and the same id makes a retry safe.</summary>
    public static DomainError Unexpected(bool write) => new(
        write ? ErrorKind.OutcomeUnknown : ErrorKind.Unavailable, ServerError,
        write
            ? "Something went wrong on the server; whether the change was made is not known. Send it again with the same command id or Idempotency-Key; it will not be applied twice."
            : "Something went wrong on the server; nothing was changed. Try again.");

    private static DomainError NotDone() => new(
        ErrorKind.Unavailable, Unavailable, "The case cannot be reached right now (a server is failing over); nothing was changed. Try again in a moment.");
}
