using System.Collections.Immutable;

namespace CaseGrid.Contracts.Work;

/// <summary>How a user is told by e-mail when away: where, and which kinds they do not want mail about.</summary>
/// <param name="Email">The address mail goes to; by default the one a unit recorded for them.</param>
/// <param name="OptOut">Kinds of item the user gets no mail about.</param>
[GenerateSerializer, Immutable, Alias("casegrid.NotificationSettings")]
public sealed record NotificationSettings(string? Email, ImmutableArray<WorkItemKind> OptOut)
{
    /// <summary>No address of their own and every kind mailed.</summary>
    public static NotificationSettings Default { get; } = new(null, []);
}
