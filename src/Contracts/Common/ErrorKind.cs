namespace CaseGrid.Contracts.Common;

/// <summary>Why a command or query was refused; the API maps each kind to an HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>The input is malformed or missing required parts (400).</summary>
    BadRequest,

    /// <summary>The actor may not do this, judged from domain state (403).</summary>
    Forbidden,

    /// <summary>The case, item or unit does not exist (404).</summary>
    NotFound,

    /// <summary>The command conflicts with the current state, such as a stale item version (409).</summary>
    Conflict,

    /// <summary>The command is well formed but breaks a domain rule, such as dates in the wrong order (422).</summary>
    Unprocessable,

    /// <summary>The case could not be reached (a silo is failing over); nothing was changed, and a retry is safe (503).</summary>
    Unavailable,

    /// <summary>
    /// The command was sent but no answer came (its silo died or the call timed out): it may or may not have been
    /// applied. Sent again with the same command id or Idempotency-Key, it is applied at most once (504).
    /// </summary>
    OutcomeUnknown,
}
