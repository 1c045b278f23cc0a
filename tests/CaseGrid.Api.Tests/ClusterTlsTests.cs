extern alias api;

using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using CaseGrid.Api.Cluster;
using CaseGrid.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace CaseGrid.Api.Tests;

/// <summary>
/// The silo and gateway ports accept only the cluster's own processes: a connection without TLS, with TLS but no
/// certificate, or with a certificate from another authority is closed before a single Orleans message is read, over
/// real sockets; an API host with a certificate from the cluster's authority joins and works.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class ClusterTlsTests(CaseGridApiFactory factory)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly Lazy<TestPki> Foreign = new(() => TestPki.Create(Path.Combine(Path.GetTempPath(), $"casegrid-foreign-{Guid.NewGuid():N}"), "Someone else's CA"));

    public static TheoryData<string> Ports => ["silo", "gateway"];

    [Theory]
    [MemberData(nameof(Ports))]
    public async Task APlainConnection_IsClosed_WithoutAnAnswer(string port)
    {
        using var tcp = await ConnectAsync(port);
        var stream = tcp.GetStream();

        // What an Orleans client sends first (a preamble naming itself), in the clear.
        await stream.WriteAsync(new byte[] { 0x10, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
        Assert.True(await ClosedWithoutDataAsync(stream), $"the {port} port answered a plaintext connection");
    }

    [Theory]
    [MemberData(nameof(Ports))]
    public async Task TlsWithoutACertificate_IsRefused(string port)
    {
        using var tcp = await ConnectAsync(port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, AnyServer);
        Assert.True(await RefusedAsync(tls, null), $"the {port} port took a TLS connection without a client certificate");
    }

    [Theory]
    [MemberData(nameof(Ports))]
    public async Task TlsWithACertificateFromAnotherAuthority_IsRefused(string port)
    {
        var (certificatePath, keyPath) = Foreign.Value.Issue("api");
        using var stranger = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        using var tcp = await ConnectAsync(port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, AnyServer);
        Assert.True(await RefusedAsync(tls, stranger), $"the {port} port took a certificate another authority issued");
    }

    [Theory]
    [MemberData(nameof(Ports))]
    public async Task TlsWithTheClustersCertificate_IsAccepted_AndTheSiloShowsItsOwn(string port)
    {
        var (certificatePath, keyPath) = TestSecrets.Cluster.Issue("api");
        using var member = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        var tls = ClusterTls.Load(new ClusterTlsOptions { CertificatePath = certificatePath, KeyPath = keyPath, CaPath = TestSecrets.Cluster.CaPath });
        using var tcp = await ConnectAsync(port);
        await using var stream = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) => certificate is X509Certificate2 c && tls.IssuedByCluster(c));
        await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificates = [member],
        }).WaitAsync(Deadline);

        Assert.True(stream.IsMutuallyAuthenticated);
        Assert.True(tls.IssuedByCluster((X509Certificate2)stream.RemoteCertificate!));
    }

    [Fact]
    public async Task AnOrleansClient_WithACertificateFromAnotherAuthority_CannotConnect_AndWritesNothing()
    {
        _ = factory.Server;
        var (certificatePath, keyPath) = Foreign.Value.Issue("api");
        var stranger = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        var caseId = Api.NewId("case-intruder");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .UseConnectionRetryFilter((_, _) => Task.FromResult(false))
            .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, factory.GatewayPort))
            .Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (factory.ClusterId, "casegrid"))
            .UseTls(stranger, o =>
            {
                o.AllowAnyRemoteCertificate();
                o.ClientCertificateMode = Orleans.Connections.Security.RemoteCertificateMode.RequireCertificate;
            }));
        using var host = builder.Build();

        var wrote = false;
        Exception? refused = null;
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await host.StartAsync(deadline.Token);

            // Were the client let in, this is what it would do: open a case as an actor of its choosing.
            var grains = host.Services.GetRequiredService<IClusterClient>();
            var result = await grains.GetGrain<Contracts.Cases.ICaseGrain>(caseId).ExecuteAsync(
                new Contracts.Cases.OpenCase(new Contracts.Cases.PersonRef("P-x", "Inntrenger"), Contracts.Cases.CasePhase.Serving, "prison-x",
                    new Contracts.Cases.HomeMunicipality("kommune-x"), new Contracts.Cases.KeyDates(null, null, null, null, null), Contracts.Groups.MemberRole.Kontaktbetjent),
                new Contracts.Common.ActorRef("u-anyone", "Hvem som helst"));
            wrote = result.Succeeded;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            refused = e;
        }

        Assert.False(wrote, "a client with another authority's certificate wrote to a case");

        // Refused at once, not merely slow: the connection is closed, and a client that does not retry gives up.
        Assert.NotNull(refused);
        Assert.IsNotAssignableFrom<OperationCanceledException>(refused);
        Assert.Equal(0L, await factory.ScalarAsync("SELECT count(*) FROM case_events WHERE case_id = $1", caseId));
    }

    [Fact]
    public async Task AnApiHost_WithTheClustersCertificate_ReachesTheGrains()
    {
        _ = factory.Server;
        await using var host = new ApiHostFactory(factory);
        using var ready = await host.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public void TheClustersValidation_TrustsItsAuthorityAlone()
    {
        var (certificatePath, keyPath) = TestSecrets.Cluster.Issue("silo");
        var tls = ClusterTls.Load(new ClusterTlsOptions { CertificatePath = certificatePath, KeyPath = keyPath, CaPath = TestSecrets.Cluster.CaPath });
        var (foreignCertificate, foreignKey) = Foreign.Value.Issue("silo");
        using var stranger = X509Certificate2.CreateFromPemFile(foreignCertificate, foreignKey);

        Assert.True(tls.IssuedByCluster(tls.Certificate));
        Assert.False(tls.IssuedByCluster(stranger));
        var wrong = Assert.Throws<InvalidOperationException>(() =>
            ClusterTls.Load(new ClusterTlsOptions { CertificatePath = foreignCertificate, KeyPath = foreignKey, CaPath = TestSecrets.Cluster.CaPath }));
        Assert.Contains("was not issued by the cluster's authority", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutsideDevelopment_AProcessWithoutClusterTls_RefusesToStart()
    {
        var none = new ConfigurationBuilder().Build();

        var refused = Assert.Throws<InvalidOperationException>(() => ClusterTls.FromConfiguration(none, new HostingEnvironment { EnvironmentName = "Production" }));

        Assert.Contains("CaseGrid:Cluster:Tls:CertificatePath", refused.Message, StringComparison.Ordinal);
        Assert.Null(ClusterTls.FromConfiguration(none, new HostingEnvironment { EnvironmentName = "Development" }));
    }

    /// <summary>The attacker's side takes whatever the silo shows: what matters is whether the silo takes the attacker.</summary>
    private static bool AnyServer(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => certificate is not null;

    private async Task<TcpClient> ConnectAsync(string port)
    {
        _ = factory.Server;
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port == "silo" ? factory.SiloPort : factory.GatewayPort).WaitAsync(Deadline);
        return tcp;
    }

    /// <summary>
    /// Whether the server refused the handshake: it fails, or (TLS 1.3 lets a client finish before the server has judged
    /// its certificate) the server closes the connection without sending anything.
    /// </summary>
    private static async Task<bool> RefusedAsync(SslStream tls, X509Certificate2? certificate)
    {
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = certificate is null ? null : [certificate],
            }).WaitAsync(Deadline);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            return true;
        }

        return await ClosedWithoutDataAsync(tls);
    }

    private static async Task<bool> ClosedWithoutDataAsync(Stream stream)
    {
        var buffer = new byte[64];
        try
        {
            return await stream.ReadAsync(buffer).AsTask().WaitAsync(Deadline) == 0;
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            return true;
        }
    }
}
