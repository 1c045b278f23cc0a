namespace CaseGrid.Domain.Time;

/// <summary>
/// The short-sentence fast track (domain §4: an average stay of about three months, over half out within 90 days):
/// when release comes at most <see cref="MaxDaysToRelease"/> days after intake, the pathway starts at intake.
/// </summary>
/// <param name="MaxDaysToRelease">Release at most this many days after intake puts a case on the fast track.</param>
/// <param name="GraceDays">Deadlines counted back from release that fall before intake + this many days are moved there.</param>
public sealed record FastTrackSettings(int MaxDaysToRelease = 90, int GraceDays = 3);
