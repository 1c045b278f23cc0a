namespace CaseGrid.Contracts.Time;

/// <summary>
/// A recorded exception to the release gate for one critical need area: the case may be marked released although
/// the area has no accepted owner outside the prison. Audited by its event.
/// </summary>
/// <param name="Code">The need area.</param>
/// <param name="Reason">Why release may go ahead anyway.</param>
/// <param name="RecordedById">The leader or coordinator who recorded it.</param>
/// <param name="RecordedAt">When.</param>
[GenerateSerializer, Immutable, Alias("casegrid.ReleaseException")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Domain word (domain.md §8: \"an exception with reason\"), not a System.Exception.")]
public sealed record ReleaseException(string Code, string Reason, string RecordedById, DateTimeOffset RecordedAt);
