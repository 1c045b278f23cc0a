using System.Collections.Immutable;
using CaseGrid.Contracts.Work;

namespace CaseGrid.Api.Mail;

/// <summary>A mail leased from the outbox: its key, where it goes, and the kinds of item it tells of with how many of each.</summary>
/// <param name="Id">Its row.</param>
/// <param name="Key">Its once-only key.</param>
/// <param name="Address">The recipient.</param>
/// <param name="Kinds">The kinds of item.</param>
/// <param name="Counts">How many of each kind, in the same order.</param>
/// <param name="Attempts">Attempts made before this one.</param>
public sealed record OutgoingMail(long Id, string Key, string Address, ImmutableArray<WorkItemKind> Kinds, ImmutableArray<int> Counts, int Attempts);
