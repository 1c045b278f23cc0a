namespace CaseGrid.Api.Realtime;

/// <summary>
/// The heads of cases read from their event log itself: while a case's grain cannot be reached (its silo died and the
/// cluster has not yet moved it), the log still says how far the case got, so viewers learn at once that they are
/// behind — an event can be committed just before its silo dies and never pushed.
/// </summary>
public interface ICaseLogHeads
{
    /// <summary>The last version of each case that has one.</summary>
    Task<IReadOnlyDictionary<string, long>> ReadAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken);
}
