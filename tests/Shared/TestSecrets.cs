using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CaseGrid.Tests;

// CaseGrid runs and is tested on Linux (file modes keep the keys to their owner).
#pragma warning disable CA1416

/// <summary>
/// The secrets the test hosts run with, made on this machine and never committed: the master key (kept in the
/// repository's .local/, so cases sealed by an earlier run on the same test database still open) and a cluster
/// certificate authority with certificates for silos and API hosts (made afresh in a temporary folder per test run).
/// </summary>
public static class TestSecrets
{
    private static readonly Lazy<string> MasterKey = new(MakeMasterKey);
    private static readonly Lazy<TestPki> Pki = new(() => TestPki.Create(Path.Combine(Path.GetTempPath(), $"casegrid-pki-{Guid.NewGuid():N}"), "CaseGrid test cluster CA"));

    /// <summary>The path of the test master key file (32 random bytes, base64, mode 0600).</summary>
    public static string MasterKeyFile => MasterKey.Value;

    /// <summary>The test cluster's authority and certificates.</summary>
    public static TestPki Cluster => Pki.Value;

    /// <summary>The repository's root (where CaseGrid.sln is).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CaseGrid.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("The tests run outside the CaseGrid repository.");
        }
    }

    private static string MakeMasterKey()
    {
        var dir = Path.Combine(RepositoryRoot, ".local");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "test-master.key");
        if (!File.Exists(path))
        {
            // Two test projects may start at once: each writes its own candidate, and the first to move it in wins.
            var candidate = $"{path}.{Guid.NewGuid():N}";
            File.WriteAllText(candidate, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            File.SetUnixFileMode(candidate, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try
            {
                File.Move(candidate, path, overwrite: false);
            }
            catch (IOException)
            {
                File.Delete(candidate);
            }
        }

        return path;
    }
}

/// <summary>A certificate authority and PEM files of certificates it issued, as deploy/certs.sh makes them.</summary>
public sealed class TestPki
{
    private readonly X509Certificate2 _authority;

    private TestPki(string folder, X509Certificate2 authority)
    {
        Folder = folder;
        _authority = authority;
        CaPath = Write("ca.pem", authority.ExportCertificatePem());
    }

    /// <summary>Where the files are.</summary>
    public string Folder { get; }

    /// <summary>The authority's certificate (PEM).</summary>
    public string CaPath { get; }

    /// <summary>A new authority in <paramref name="folder"/>.</summary>
    public static TestPki Create(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return new TestPki(folder, authority);
    }

    /// <summary>A certificate for <paramref name="role"/> issued by this authority: (certificate PEM path, key PEM path).</summary>
    public (string Certificate, string Key) Issue(string role)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=casegrid-{role}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_authority, true, false));
        using var certificate = request.Create(_authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(20), RandomNumberGenerator.GetBytes(16));
        var stem = $"{role}-{Guid.NewGuid():N}";
        return (Write($"{stem}.pem", certificate.ExportCertificatePem()), WriteSecret($"{stem}.key", key.ExportPkcs8PrivateKeyPem()));
    }

    /// <summary>The settings a host of <paramref name="role"/> runs with: its certificate, key and this authority.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings(string role)
    {
        var (certificate, key) = Issue(role);
        yield return new("CaseGrid:Cluster:Tls:CertificatePath", certificate);
        yield return new("CaseGrid:Cluster:Tls:KeyPath", key);
        yield return new("CaseGrid:Cluster:Tls:CaPath", CaPath);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string WriteSecret(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        using (File.Create(path))
        {
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(path, text);
        return path;
    }
}
