using System.Collections.Immutable;
using CaseGrid.Contracts.Common;

namespace CaseGrid.Contracts.Cases;

/// <summary>The outcome of a case command: either the durable events it produced, or the reason it was refused.</summary>
/// <param name="Version">The case version after the command (unchanged when refused).</param>
/// <param name="Events">The events written; empty when refused.</param>
/// <param name="Error">Why it was refused; null on success.</param>
[GenerateSerializer, Immutable, Alias("casegrid.CommandResult")]
public sealed record CommandResult(long Version, ImmutableArray<CaseEventRecord> Events, DomainError? Error)
{
    /// <summary>True when the command was applied and its events are durable.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A successful result.</summary>
    public static CommandResult Ok(long version, ImmutableArray<CaseEventRecord> events) => new(version, events, null);

    /// <summary>A refusal.</summary>
    public static CommandResult Refused(long version, DomainError error) => new(version, [], error);
}
