namespace CaseGrid.Domain.Time;

/// <summary>A date a deadline counts from, with the words that name it in a reason.</summary>
/// <param name="Date">The date.</param>
/// <param name="Text">How it reads, e.g. <c>Innkomst 2026-03-01</c>, or how it fell back when unknown.</param>
/// <param name="IsFallback">True when the date itself was unknown and this is the earliest possible date instead.</param>
public sealed record AnchorDate(DateOnly Date, string Text, bool IsFallback);
