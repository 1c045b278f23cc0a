using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using CaseGrid.Api.Auth;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// One share of requests per caller, for REST and the live hub together: each user has their own, each partner system
/// its own (its requests for the users it acts for included), and anonymous callers share by address. A partner system
/// or a user that sends too much slows only itself.
/// </summary>
public sealed class CallerRateLimiter : IDisposable
{
    /// <summary>The stable code of a refusal for too many requests.</summary>
    public const string Code = "rate.limited";

    /// <summary>What a refused caller is told.</summary>
    public const string Detail = "This caller has used its share of requests for now; retry after the time in Retry-After.";

    /// <summary>The limiter for caller keys (see <see cref="KeyOf(ClaimsPrincipal, IPAddress?)"/>).</summary>
    public CallerRateLimiter(IOptions<RateLimitOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        Limiter = new WindowPerCaller(limits.PermitsPerWindow, TimeSpan.FromSeconds(limits.WindowSeconds), clock);
    }

    /// <summary>The limiter, keyed by caller.</summary>
    public PartitionedRateLimiter<string> Limiter { get; }

    /// <summary>
    /// The caller's share: <c>system:{client}</c> for a partner system's own token (acting for a user or not),
    /// <c>user:{id}</c> for a user (whichever app they use), <c>ip:{address}</c> without a token.
    /// </summary>
    public static string KeyOf(ClaimsPrincipal user, IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return $"ip:{address}";
        }

        var actor = user.ToActor();
        return actor.IsSystem || user.IsActingFor() ? $"system:{actor.ClientId}" : $"user:{actor.UserId}";
    }

    /// <inheritdoc />
    public void Dispose() => Limiter.Dispose();
}
