using Xunit.Abstractions;

namespace CaseGrid.Grains.Tests;

/// <summary>A silo killed while members edit, on PostgreSQL.</summary>
public sealed class FailoverTests(ClusterFixture fixture, ITestOutputHelper output)
    : SiloFailoverTests(fixture.Cluster, TestDatabase.Log(fixture.DataSource), output), IClassFixture<ClusterFixture>;
