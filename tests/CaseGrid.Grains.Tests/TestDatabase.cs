using CaseGrid.Grains.Storage;
using Npgsql;

namespace CaseGrid.Grains.Tests;

/// <summary>The real PostgreSQL the test command starts; its schema is applied once per process.</summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<NpgsqlDataSource>> Source = new(CreateAsync);

    /// <summary>The connection string from <c>CASEGRID_TEST_CONNECTION</c>.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("CASEGRID_TEST_CONNECTION")
        ?? throw new InvalidOperationException("CASEGRID_TEST_CONNECTION is not set: run the tests with deploy/test.sh, which starts a private PostgreSQL.");

    /// <summary>A data source on the migrated test database.</summary>
    public static Task<NpgsqlDataSource> GetAsync() => Source.Value;

    private static async Task<NpgsqlDataSource> CreateAsync()
    {
        var source = NpgsqlDataSource.Create(ConnectionString);
        await SchemaMigrator.ApplyAsync(source);
        return source;
    }
}
