namespace CaseGrid.Contracts.Cases;

/// <summary>Where a phase puts the person: inside a prison, or out of it.</summary>
public static class CasePhases
{
    /// <summary>True for the phases in which the person is in prison (intake and serving).</summary>
    public static bool IsInPrison(CasePhase phase) => phase is CasePhase.Intake or CasePhase.Serving;

    /// <summary>True for the phases after leaving prison: in the community under friomsorg, released, in aftercare.</summary>
    public static bool IsOut(CasePhase phase) => phase is CasePhase.Community or CasePhase.Released or CasePhase.Aftercare;

    /// <summary>True when moving from <paramref name="from"/> to <paramref name="to"/> lets the person out of prison: a release, whatever its form.</summary>
    public static bool IsRelease(CasePhase from, CasePhase to) => IsInPrison(from) && IsOut(to);

    /// <summary>The forms of release a move into <paramref name="phase"/> may take.</summary>
    public static IReadOnlyList<ReleaseForm> FormsInto(CasePhase phase) => phase switch
    {
        CasePhase.Community => [ReleaseForm.Parole, ReleaseForm.ElectronicMonitoring, ReleaseForm.CommunityServing],
        CasePhase.Released => [ReleaseForm.FullTime, ReleaseForm.Parole],
        _ => [],
    };
}
