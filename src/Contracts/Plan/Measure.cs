using System.Collections.Immutable;

namespace CaseGrid.Contracts.Plan;

/// <summary>A measure (tiltak): a concrete action with an owner and a time, traceable to the needs it answers.</summary>
/// <param name="MeasureId">Id of the measure.</param>
/// <param name="NeedCodes">The need areas it answers (at least one).</param>
/// <param name="What">What will be done.</param>
/// <param name="Why">Why, in relation to the needs.</param>
/// <param name="OwnerId">The member who delivers it (may be the person).</param>
/// <param name="Due">When (application sent, meeting, start); null when not yet set.</param>
/// <param name="Requirements">What it takes (documents, lead time, conditions).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="StatusNote">Delivery documentation or cancellation reason.</param>
/// <param name="Version">Case version of the last change to this measure.</param>
/// <param name="ConditionalOnRelease">
/// For a conditional commitment ("housing if released on D"): the release date it holds for. When the expected release
/// moves away from it, an accepted or started commitment re-opens and its owner must confirm again.
/// </param>
/// <param name="Application">When the measure is an application to a partner: its kind, partner and steps.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Measure")]
public sealed record Measure(
    string MeasureId,
    ImmutableArray<string> NeedCodes,
    string What,
    string? Why,
    string OwnerId,
    DateOnly? Due,
    string? Requirements,
    MeasureStatus Status,
    string? StatusNote,
    long Version,
    DateOnly? ConditionalOnRelease = null,
    Application? Application = null)
{
    /// <summary>True while the measure still needs its owner.</summary>
    public bool IsOpen => Status is not (MeasureStatus.Delivered or MeasureStatus.Cancelled);
}
