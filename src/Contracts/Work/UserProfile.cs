using System.Collections.Immutable;

namespace CaseGrid.Contracts.Work;

/// <summary>What CaseGrid knows of a user from its units and cases: where they work, and the cases they are a member of.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Units">The units they work at.</param>
/// <param name="Cases">The cases they are an active member of (as the person too).</param>
[GenerateSerializer, Immutable, Alias("casegrid.UserProfile")]
public sealed record UserProfile(string UserId, ImmutableArray<StaffUnit> Units, ImmutableArray<MemberCase> Cases);
