namespace CaseGrid.Contracts.Time;

/// <summary>One part of release readiness.</summary>
/// <param name="Code">
/// <c>housing</c>, <c>income</c>, <c>treatment</c>, <c>activity</c>, <c>friomsorg</c>, <c>municipal-caseworker</c>
/// or <c>release-meeting</c>.
/// </param>
/// <param name="Title">Its name in Norwegian (bokmål), e.g. <c>Bolig sikret</c>.</param>
/// <param name="Colour">How ready it is.</param>
/// <param name="Reason">Why, in plain Norwegian.</param>
[GenerateSerializer, Immutable, Alias("casegrid.ReadinessItem")]
public sealed record ReadinessItem(string Code, string Title, ReadinessColour Colour, string Reason);
