using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace CaseGrid.Api.Cluster;

/// <summary>
/// Mutual TLS between the processes of one CaseGrid cluster: every silo-to-silo and client-to-gateway connection
/// presents a certificate, and each side accepts only certificates issued by the cluster's own authority. Grains trust
/// the actor an API host names, so nothing but an API host or a silo may ever reach those ports.
/// </summary>
public sealed class ClusterTls
{
    private readonly X509Certificate2 _authority;

    private ClusterTls(X509Certificate2 certificate, X509Certificate2 authority)
    {
        Certificate = certificate;
        _authority = authority;
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// The cluster's TLS from configuration. Outside Development a process without it refuses to start: an open
    /// gateway lets anyone who reaches it read or write any case as anyone. In Development it may be left out (null).
    /// </summary>
    public static ClusterTls? FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(ClusterTlsOptions.SectionName).Get<ClusterTlsOptions>() ?? new();
        if (!options.IsSet)
        {
            return environment.IsDevelopment() ? null : throw new InvalidOperationException(
                $"The Orleans cluster has no TLS: set {ClusterTlsOptions.SectionName}:CertificatePath, KeyPath and CaPath (PEM files; " +
                "deploy/certs.sh makes them for a local cluster, docs/operations.md describes production). Without them anyone who " +
                "reaches a silo or gateway port could call any grain as anyone, so CaseGrid does not start outside Development.");
        }

        return Load(options);
    }

    /// <summary>Load the three files; a missing or unreadable one stops the start with its name.</summary>
    public static ClusterTls Load(ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certificatePath = Required(options.CertificatePath, nameof(options.CertificatePath));
        var keyPath = Required(options.KeyPath, nameof(options.KeyPath));
        var caPath = Required(options.CaPath, nameof(options.CaPath));
        var authority = X509Certificate2.CreateFromPem(File.ReadAllText(caPath));
        var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        var tls = new ClusterTls(certificate, authority);
        if (!tls.IssuedByCluster(certificate))
        {
            throw new InvalidOperationException($"{certificatePath} was not issued by the cluster's authority {caPath} (or has expired).");
        }

        return tls;
    }

    /// <summary>Orleans' TLS settings for this process, on both its server and its client side.</summary>
    public void Configure(TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.SslProtocols = SslProtocols.Tls13;
        options.RemoteCertificateValidation = Accept;
    }

    /// <summary>
    /// Whether the certificate chains to the cluster's authority alone (the system's trust store plays no part), is
    /// within its validity and may be used for TLS. Host names are not checked: silos are reached by address, and
    /// the authority issues certificates only to the cluster's own processes.
    /// </summary>
    public bool IssuedByCluster(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(certificate)
            && chain.ChainElements.Count >= 2
            && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(_authority.RawDataMemory.Span);
    }

    private bool Accept(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors) =>
        (errors & SslPolicyErrors.RemoteCertificateNotAvailable) == 0 && IssuedByCluster(certificate);

    private static string Required(string? path, string name) =>
        string.IsNullOrEmpty(path) ? throw new InvalidOperationException($"{ClusterTlsOptions.SectionName}:{name} is required when cluster TLS is configured.") : path;
}
