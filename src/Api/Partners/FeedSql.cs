using System.Globalization;
using Npgsql;

namespace CaseGrid.Api.Partners;

/// <summary>Feed positions in PostgreSQL statements: <c>(tx xid8, seq bigint)</c>.</summary>
internal static class FeedSql
{
    /// <summary>A feed position as a query parameter pair (<c>$n::xid8</c>, <c>$n+1</c>).</summary>
    public static void AddPosition(NpgsqlParameterCollection parameters, FeedPosition position)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = position.Tx.ToString(CultureInfo.InvariantCulture) });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = position.Seq });
    }

    /// <summary>The position in the reader's columns <paramref name="first"/> (<c>tx::text</c>) and the next (<c>seq</c>).</summary>
    public static FeedPosition Position(NpgsqlDataReader reader, int first = 0) =>
        new(ulong.Parse(reader.GetString(first), CultureInfo.InvariantCulture), reader.GetInt64(first + 1));
}
