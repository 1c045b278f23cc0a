// CaseGrid runs on Linux: file modes keep the key to its owner.
#pragma warning disable CA1416

using CaseGrid.Api.Secrets;
using Microsoft.Extensions.Configuration;

namespace CaseGrid.Api.Tests;

/// <summary>A process starts only with a master key that is there, well formed and kept to its owner.</summary>
public sealed class MasterKeyTests
{
    [Fact]
    public void WithoutAMasterKey_AHostRefusesToStart()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => MasterKey.FromConfiguration(new ConfigurationBuilder().Build()));
        Assert.Contains(MasterKey.FileSetting, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyFileOthersMayRead_OrOfTheWrongSize_IsRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"casegrid-key-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(path, Convert.ToBase64String(new byte[32]));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            Assert.Contains("chmod 600", Assert.Throws<InvalidOperationException>(() => MasterKey.Load(path)).Message, StringComparison.Ordinal);

            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.WriteAllText(path, Convert.ToBase64String(new byte[16]));
            Assert.Contains("32 bytes", Assert.Throws<InvalidOperationException>(() => MasterKey.Load(path)).Message, StringComparison.Ordinal);

            File.WriteAllText(path, Convert.ToBase64String(new byte[32]));
            Assert.Equal(16, MasterKey.Load(path).Fingerprint.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ASealedValue_OpensOnlyForItsOwnRow_AndPurpose()
    {
        var key = MasterKey.FromBytes(new byte[32]);
        var webhooks = new Sealer(key, "casegrid/webhook-secrets/v1");
        var sealedSecret = webhooks.SealText("whsec_abc", "wh-1");

        Assert.StartsWith(Sealer.TextPrefix, sealedSecret, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_abc", sealedSecret, StringComparison.Ordinal);
        Assert.Equal("whsec_abc", webhooks.OpenText(sealedSecret, "wh-1"));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => webhooks.OpenText(sealedSecret, "wh-2"));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => new Sealer(key, "casegrid/idempotency/v1").OpenText(sealedSecret, "wh-1"));
    }
}
