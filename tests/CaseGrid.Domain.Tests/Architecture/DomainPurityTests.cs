using CaseGrid.Domain;
using Xunit;

namespace CaseGrid.Domain.Tests.Architecture;

/// <summary>The rules stay pure: the domain assembly is built against the contracts alone, never against Orleans or storage.</summary>
public sealed class DomainPurityTests
{
    [Fact]
    public void DomainAssembly_ReferencesNoOrleansNpgsqlOrAspNetAssembly()
    {
        var references = typeof(CaseDecider).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.Contains("CaseGrid.Contracts", references);
        Assert.DoesNotContain(references, r => r.StartsWith("Orleans", StringComparison.Ordinal)
            || r.StartsWith("Npgsql", StringComparison.Ordinal)
            || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || r.StartsWith("CaseGrid.Grains", StringComparison.Ordinal));
    }
}
