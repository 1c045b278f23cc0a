namespace CaseGrid.Contracts.Handovers;

/// <summary>What can be handed over: a need area (by its catalogue code) or the coordinator role.</summary>
public static class Responsibility
{
    /// <summary>The subject naming the case's coordinator role.</summary>
    public const string Coordinator = "coordinator";
}
