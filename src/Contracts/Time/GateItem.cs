namespace CaseGrid.Contracts.Time;

/// <summary>One thing that stops the person leaving prison (domain §8): its code, and why in words.</summary>
/// <param name="Code">
/// A critical need-area code (<c>housing</c>, <c>income-debt</c>, …), <c>coordinator</c> (the coordinator role would stay
/// inside the prison) or <c>exit-conversation</c> (no exit conversation recorded). A release exception is recorded by it.
/// </param>
/// <param name="Reason">Why, in plain Norwegian.</param>
[GenerateSerializer, Immutable, Alias("casegrid.GateItem")]
public sealed record GateItem(string Code, string Reason);
