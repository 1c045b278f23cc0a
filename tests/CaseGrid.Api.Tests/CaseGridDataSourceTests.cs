using CaseGrid.Api.Storage;
using Npgsql;

namespace CaseGrid.Api.Tests;

/// <summary>The hosts' connections keep their hot statements prepared and are not reset; an operator's own setting stands.</summary>
public sealed class CaseGridDataSourceTests
{
    [Fact]
    public void AConnectionString_WithoutTheSettings_GetsTheHostsOnes()
    {
        var settings = new NpgsqlConnectionStringBuilder(CaseGridDataSource.ConnectionString("Host=127.0.0.1;Database=casegrid;Username=casegrid"));

        Assert.Equal(CaseGridDataSource.PreparedStatements, settings.MaxAutoPrepare);
        Assert.Equal(CaseGridDataSource.UsesBeforePreparing, settings.AutoPrepareMinUsages);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal("casegrid", settings.Database);
    }

    [Theory]
    [InlineData("Host=h;Max Auto Prepare=0;Auto Prepare Min Usages=7;No Reset On Close=false")]
    [InlineData("Host=h;MaxAutoPrepare=0;AutoPrepareMinUsages=7;NoResetOnClose=false")]
    public void AnOperatorsOwnSettings_AreKept(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(CaseGridDataSource.ConnectionString(connectionString));

        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.Equal(7, settings.AutoPrepareMinUsages);
        Assert.False(settings.NoResetOnClose);
    }

    [Fact]
    public async Task AStatementRunAgain_IsPreparedOnItsConnection_AndStaysPreparedInThePool()
    {
        var connection = Environment.GetEnvironmentVariable(CaseGridApiFactory.ConnectionVariable)
            ?? throw new InvalidOperationException($"{CaseGridApiFactory.ConnectionVariable} is not set: run deploy/test.sh.");
        await using var source = CaseGridDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = 1 }.ConnectionString);

        for (var i = 0; i < CaseGridDataSource.UsesBeforePreparing + 1; i++)
        {
            await using var statement = source.CreateCommand("SELECT count(*) FROM pg_class WHERE relname = $1");
            statement.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "case_events" });
            Assert.Equal(1L, await statement.ExecuteScalarAsync());
        }

        // The pool has one connection: the statements above and this look ran on it, one after the other.
        await using var look = source.CreateCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%relname = $1%'");
        Assert.Equal(1L, await look.ExecuteScalarAsync());
    }
}
