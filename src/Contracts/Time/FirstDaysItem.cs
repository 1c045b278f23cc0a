namespace CaseGrid.Contracts.Time;

/// <summary>
/// One line of the first-days list made on release (domain §8): where the person sleeps, money, medication, who
/// meets them. The text is drawn from the plan when the list is made; the group ticks it off.
/// </summary>
/// <param name="ItemId">Stable id: <c>sleep</c>, <c>money</c>, <c>medication</c> or <c>meets</c>.</param>
/// <param name="Text">What to make sure of, with what the plan says about it (never health details).</param>
/// <param name="Done">True once ticked off.</param>
/// <param name="Note">A note from whoever ticked it.</param>
/// <param name="UpdatedById">Who last changed it; null while untouched.</param>
/// <param name="Version">Case version of the last change.</param>
[GenerateSerializer, Immutable, Alias("casegrid.FirstDaysItem")]
public sealed record FirstDaysItem(string ItemId, string Text, bool Done, string? Note, string? UpdatedById, long Version);
