using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;

namespace CaseGrid.Domain;

/// <summary>The outcome of deciding a command: the events to append, or the refusal. Never both.</summary>
public readonly record struct Decision
{
    private Decision(ImmutableArray<CaseEvent> events, DomainError? error)
    {
        Events = events;
        Error = error;
    }

    /// <summary>Events to append, in order; empty when refused.</summary>
    public ImmutableArray<CaseEvent> Events { get; }

    /// <summary>The refusal, or null.</summary>
    public DomainError? Error { get; }

    /// <summary>True when refused.</summary>
    public bool IsRefused => Error is not null;

    /// <summary>Accept with these events.</summary>
    public static Decision Accept(params CaseEvent[] events) => new([.. events], null);

    /// <summary>Accept with these events.</summary>
    public static Decision Accept(IEnumerable<CaseEvent> events) => new([.. events], null);

    /// <summary>Refuse.</summary>
    public static implicit operator Decision(DomainError error) => new([], error);

    /// <summary>Accept with one event.</summary>
    public static implicit operator Decision(CaseEvent e) => new([e], null);
}
