using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CaseGrid.Grains.Storage;

/// <summary>
/// One schema script of <c>deploy/sql</c>, as the migration runner applies it. A migration runs once, in its own
/// transaction with its journal entry; a script marked <c>-- casegrid-migration: every run</c> (the grants) runs at the
/// end of every migration step instead, and is never journaled.
/// </summary>
/// <param name="Name">The file name, which orders migrations (<c>001-…</c> before <c>010-…</c>).</param>
/// <param name="Sql">What is executed: the file without its own <c>BEGIN;</c> and <c>COMMIT;</c> lines.</param>
/// <param name="Checksum">SHA-256 of the file as written (line ends made LF): an applied migration must never change.</param>
/// <param name="EveryRun">Re-applied at every migration step rather than once.</param>
public sealed partial record Migration(string Name, string Sql, string Checksum, bool EveryRun)
{
    /// <summary>The marker, within a script's first lines, of a script applied at every migration step.</summary>
    public const string EveryRunMarker = "-- casegrid-migration: every run";

    /// <summary>A migration from a script's name and text.</summary>
    public static Migration FromScript(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalised = text.ReplaceLineEndings("\n");
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
        var everyRun = normalised.Split('\n').Take(20).Any(line => line.Trim().Equals(EveryRunMarker, StringComparison.OrdinalIgnoreCase));

        // Scripts written for the runner before it (each its own transaction) keep their BEGIN;/COMMIT; lines: the
        // runner's transaction takes their place, so the script and its journal entry commit together.
        return new Migration(name, TransactionLine().Replace(normalised, ""), checksum, everyRun);
    }

    [GeneratedRegex(@"^[ \t]*(BEGIN|COMMIT)[ \t]*;[ \t]*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex TransactionLine();
}
