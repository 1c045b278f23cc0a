namespace CaseGrid.Api.Cluster;

/// <summary>
/// The certificates of this process in the Orleans cluster (<c>CaseGrid:Cluster:Tls</c>), as PEM files: its own
/// certificate and private key, and the cluster's own certificate authority. Silos and API hosts accept a connection
/// only from a peer whose certificate that authority issued; the operating system's trust store plays no part.
/// </summary>
public sealed class ClusterTlsOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Cluster:Tls";

    /// <summary>This process's certificate (PEM), issued by the cluster's authority, for both server and client authentication.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Its private key (PEM, readable by this process's user only).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The cluster's certificate authority (PEM): the only issuer whose certificates are accepted.</summary>
    public string? CaPath { get; set; }

    /// <summary>Whether any of the three is set (then all three must be).</summary>
    public bool IsSet => !string.IsNullOrEmpty(CertificatePath) || !string.IsNullOrEmpty(KeyPath) || !string.IsNullOrEmpty(CaPath);
}
