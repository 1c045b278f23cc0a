namespace CaseGrid.Grains.Storage;

/// <summary>
/// The key that wraps every case's data key (derived from the deployment's master key, never stored), and the
/// master key's fingerprint, recorded beside each wrapped key so a wrong master key is named, not guessed at.
/// </summary>
/// <param name="Key">32 bytes.</param>
/// <param name="Fingerprint">Which master key it comes from.</param>
public sealed record CaseKeyWrapping(byte[] Key, string Fingerprint);
