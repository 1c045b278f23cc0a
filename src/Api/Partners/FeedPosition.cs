using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CaseGrid.Api.Partners;

/// <summary>
/// A place in the partner feed: the transaction that wrote an event and the event's global sequence number. Clients
/// see it as an opaque string (<c>{tx}-{seq}</c>) and hand it back to resume after it.
/// </summary>
/// <param name="Tx">The writing transaction's id (PostgreSQL <c>xid8</c>).</param>
/// <param name="Seq">The event's number in the global sequence.</param>
public readonly record struct FeedPosition(ulong Tx, long Seq)
{
    /// <summary>Before the first event.</summary>
    public static FeedPosition Start { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Tx}-{Seq}");

    /// <summary>Reads a position as <see cref="ToString"/> writes it.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out FeedPosition position)
    {
        position = default;
        var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (dash <= 0
            || !ulong.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var tx)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }

        position = new FeedPosition(tx, seq);
        return true;
    }

    /// <summary>Reads a position; throws <see cref="FormatException"/> when it is not one.</summary>
    public static FeedPosition Parse(string text) =>
        TryParse(text, out var position) ? position : throw new FormatException($"'{text}' is not a feed position.");
}
