namespace CaseGrid.Contracts.Plan;

/// <summary>
/// A step of an application to a partner (domain §7; 004:418-432): planned → applied → granted or refused → appealed
/// (klage) → granted or refused on appeal. Recording each step with its date documents the referral and makes an
/// appeal possible.
/// </summary>
public enum ApplicationStep
{
    /// <summary>The measure will be an application of a kind to a partner; not sent yet.</summary>
    Planned,

    /// <summary>The application was sent.</summary>
    Applied,

    /// <summary>The partner decided (vedtak) to grant it.</summary>
    Granted,

    /// <summary>The partner decided (vedtak) to refuse it.</summary>
    Refused,

    /// <summary>The refusal was appealed (klage).</summary>
    Appealed,

    /// <summary>Granted on appeal.</summary>
    AppealGranted,

    /// <summary>Refused on appeal.</summary>
    AppealRefused,
}
