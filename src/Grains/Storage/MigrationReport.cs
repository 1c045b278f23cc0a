namespace CaseGrid.Grains.Storage;

/// <summary>What one migration step did.</summary>
/// <param name="Applied">Migrations run by this step, in the order they ran.</param>
/// <param name="Baselined">Migrations recorded without running: a database from before the journal already had them.</param>
/// <param name="AlreadyApplied">How many of this release's migrations the journal held before.</param>
/// <param name="Unknown">Journal entries this release does not have (a newer release applied them).</param>
/// <param name="FeedClockMoved">Whether the feed's clock was moved on past the log (a database restored into another instance).</param>
public sealed record MigrationReport(
    IReadOnlyList<string> Applied,
    IReadOnlyList<string> Baselined,
    int AlreadyApplied,
    IReadOnlyList<string> Unknown,
    bool FeedClockMoved);
