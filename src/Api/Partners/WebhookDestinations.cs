using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Partners;

/// <summary>
/// Where webhooks may go: never to this machine, the private network behind it, link-local addresses or a cloud's
/// metadata service, unless an operator allows a network (<see cref="WebhookOptions.AllowedNetworks"/>). A URL is checked
/// when it is subscribed (an address in it, or <c>localhost</c>), and every delivery again after its name is resolved:
/// the connection is made to the very address that passed, so a name that later leads inside gains nothing.
/// </summary>
public sealed class WebhookDestinations(IOptions<WebhookOptions> options)
{
    /// <summary>The networks no delivery goes to unless allowed: loopback, private, carrier-grade NAT, link-local (and so metadata services), multicast, reserved.</summary>
    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("64:ff9b::/96"), IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private readonly IPNetwork[] _allowed = [.. options.Value.AllowedNetworks.Select(IPNetwork.Parse)];

    /// <summary>True when a delivery may go to <paramref name="address"/>.</summary>
    public bool Allows(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _allowed.Any(n => n.Contains(plain)) || !Internal.Any(n => n.Contains(plain));
    }

    /// <summary>True when <paramref name="url"/> names no address a delivery may not go to (names are checked again on delivery).</summary>
    public bool Allows(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost.Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            return Allows(address);
        }

        return !(host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            || Allows(IPAddress.Loopback);
    }

    /// <summary>
    /// Connect for a delivery: resolve the name, keep the addresses a delivery may go to, and connect to one of those
    /// (never resolving again). Refused with <see cref="WebhookDestinationRefusedException"/> when none is left.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(Allows).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookDestinationRefusedException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
