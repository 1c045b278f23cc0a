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

    /// <summary>The migration role's connection string, from <c>CASEGRID_TEST_MIGRATION_CONNECTION</c>: it applies the schema.</summary>
    public static string MigrationConnectionString =>
        Environment.GetEnvironmentVariable("CASEGRID_TEST_MIGRATION_CONNECTION")
        ?? throw new InvalidOperationException("CASEGRID_TEST_MIGRATION_CONNECTION is not set: export it from `deploy/pg.sh url migration` (deploy/test.sh does).");

    /// <summary>The case-key wrapping key, derived from the test master key as the silo derives it.</summary>
    public static CaseKeyWrapping KeyWrapping { get; } = CreateWrapping();

    /// <summary>The key store on the test database.</summary>
    public static async Task<PostgresCaseKeyStore> KeysAsync() => new(await GetAsync(), KeyWrapping);

    /// <summary>The event log on the test database.</summary>
    public static async Task<PostgresCaseEventStore> LogAsync() => new(await GetAsync(), await KeysAsync(), KeyWrapping);

    /// <summary>A data source, as the application role, on the migrated test database.</summary>
    public static Task<NpgsqlDataSource> GetAsync() => Source.Value;

    /// <summary>The event log on <paramref name="source"/>, sealed under the tests' master key.</summary>
    public static PostgresCaseEventStore Log(NpgsqlDataSource source) => new(source, new PostgresCaseKeyStore(source, KeyWrapping), KeyWrapping);

    private static CaseKeyWrapping CreateWrapping()
    {
        // The silo's own derivation (HKDF-SHA256 of the master key for "casegrid/case-keys/v1"), which the grain tests
        // cannot reference; a key derived otherwise would not open cases the API tests sealed, and the reverse.
        var master = Convert.FromBase64String(File.ReadAllText(CaseGrid.Tests.TestSecrets.MasterKeyFile).Trim());
        var key = System.Security.Cryptography.HKDF.DeriveKey(System.Security.Cryptography.HashAlgorithmName.SHA256, master, 32, salt: [], info: "casegrid/case-keys/v1"u8.ToArray());
        var fingerprint = System.Security.Cryptography.HKDF.DeriveKey(System.Security.Cryptography.HashAlgorithmName.SHA256, master, 32, salt: [], info: "casegrid/fingerprint/v1"u8.ToArray());
        return new CaseKeyWrapping(key, Convert.ToHexStringLower(fingerprint.AsSpan(0, 8)));
    }

    private static async Task<NpgsqlDataSource> CreateAsync()
    {
        await using (var owner = NpgsqlDataSource.Create(MigrationConnectionString))
        {
            await SchemaMigrator.ApplyAsync(owner);
        }

        return NpgsqlDataSource.Create(ConnectionString);
    }
}
