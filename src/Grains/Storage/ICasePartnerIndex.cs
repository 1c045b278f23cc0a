using CaseGrid.Domain.Privacy;

namespace CaseGrid.Grains.Storage;

/// <summary>The index of which partner systems could read each case (<see cref="PartnerReach"/>), beside the event log.</summary>
public interface ICasePartnerIndex
{
    /// <summary>Record <paramref name="reach"/> for the case, as of <paramref name="version"/>.</summary>
    Task WriteAsync(string caseId, PartnerReach reach, long version, CancellationToken cancellationToken = default);
}
