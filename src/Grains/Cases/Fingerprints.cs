using System.IO.Hashing;
using System.Runtime.InteropServices;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Grains.Cases;

/// <summary>
/// 64-bit fingerprints of what a case last sent to its units, kept instead of copies of it: equal content, equal
/// fingerprints. Made from the fields themselves, so an edit allocates nothing to compare.
/// </summary>
internal static class Fingerprints
{
    private const int Fields = 16;

    /// <summary>
    /// A board line's, without its case version (which moves with every event). A field added to
    /// <see cref="UnitCaseEntry"/> is added here too: a test changes each field in turn and expects a new fingerprint.
    /// </summary>
    public static ulong Line(UnitCaseEntry e)
    {
        Span<ulong> f = stackalloc ulong[Fields];
        f[0] = Text(e.CaseId);
        f[1] = Text(e.PersonDisplayName);
        f[2] = (ulong)e.Phase;
        f[3] = (ulong)e.Relation;
        f[4] = Date(e.ExpectedRelease);
        f[5] = (ulong)e.HandoversAwaitingUnit;
        f[6] = e.Readiness is { } readiness ? (ulong)readiness + 1 : 0;
        f[7] = (ulong)e.OverdueDeadlines;
        f[8] = Date(e.NextDeadline);
        f[9] = Text(e.NextDeadlineTitle);
        f[10] = (ulong)e.UnownedAfterRelease;
        f[11] = Date(e.EndOfSupervision);
        f[12] = Date(e.AnswerDue);
        f[13] = Text(e.CurrentUnitId);
        f[14] = (ulong)e.OrphanedResponsibilities;
        f[15] = e.ReleaseForm is { } form ? (ulong)form + 1 : 0;
        return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(f));
    }

    /// <summary>64 bits of a text (0 for none).</summary>
    public static ulong Text(string? text) => text is null ? 0 : XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()), seed: 1);

    private static ulong Date(DateOnly? date) => date is { } d ? (ulong)d.DayNumber + 1 : 0;
}
