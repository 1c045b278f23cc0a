namespace CaseGrid.Api.Tests;

/// <summary>The test classes that share one <see cref="ClusterProcesses"/>: one cluster, one test at a time.</summary>
[CollectionDefinition(ClusterProcesses.Collection)]
public sealed class SharedCluster : ICollectionFixture<ClusterProcesses>;
