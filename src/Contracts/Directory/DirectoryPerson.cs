using System.Collections.Immutable;

namespace CaseGrid.Contracts.Directory;

/// <summary>A person who works at one or more units.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Name">Their name.</param>
/// <param name="Units">The units they work at.</param>
[GenerateSerializer, Immutable, Alias("casegrid.DirectoryPerson")]
public sealed record DirectoryPerson(string UserId, string Name, ImmutableArray<DirectoryUnit> Units);
