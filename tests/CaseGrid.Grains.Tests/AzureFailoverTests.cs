using Xunit.Abstractions;

namespace CaseGrid.Grains.Tests;

/// <summary>A silo killed while members edit, on Azure Storage (Azurite): grain state, reminders and the event log there.</summary>
public sealed class AzureFailoverTests(AzureClusterFixture fixture, ITestOutputHelper output)
    : SiloFailoverTests(fixture.Cluster, TestAzure.Log, output), IClassFixture<AzureClusterFixture>;
