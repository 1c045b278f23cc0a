using System.Text.Json.Serialization;
using CaseGrid.Api.Audit;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Endpoints;
using CaseGrid.Api.Health;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Api.Partners;
using CaseGrid.Api.Realtime;
using CaseGrid.Api.Secrets;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Orleans.Runtime;

namespace CaseGrid.Api;

/// <summary>Wires CaseGrid's HTTP surface into a host, whether it runs beside a silo or as an Orleans client.</summary>
public static class CaseGridApiExtensions
{
    /// <summary>Register the REST API, authentication, problem details, OpenAPI and health checks.</summary>
    public static WebApplicationBuilder AddCaseGridApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CaseGridApiOptions>().BindConfiguration(CaseGridApiOptions.SectionName)
            .Configure<IConfiguration>((o, config) => o.ConnectionString = string.IsNullOrEmpty(o.ConnectionString) ? config.GetConnectionString("casegrid") ?? "" : o.ConnectionString)
            .ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);

        // Read now, so a host without its master key refuses to start rather than fail at the first sealed write.
        services.TryAddSingleton(MasterKey.FromConfiguration(builder.Configuration));
        services.TryAddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<CaseGridApiOptions>>().Value.ConnectionString));
        services.AddSingleton<DevTokenIssuer>();
        services.AddSingleton<AuditLog>();
        services.AddHostedService<IdempotencyKeyCleanup>();
        services.AddCaseGridPartners();

        services.AddProblemDetails();
        // A malformed body is the client's error in every environment: in Development minimal APIs throw it as a
        // BadHttpRequestException, which the exception handler would otherwise answer with 500.
        services.Configure<ExceptionHandlerOptions>(o => o.StatusCodeSelector = e => e switch
        {
            BadHttpRequestException bad => bad.StatusCode,

            // A silo died and the cluster has not yet moved its grains: the request may be retried in seconds.
            SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException
                => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status500InternalServerError,
        });
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddCaseGridOpenApi();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>(ConfigureJwt);
        services.AddAuthorization();

        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<HostObserver>();
        services.AddSingleton<RealtimeFanout>();
        services.AddHostedService(sp => sp.GetRequiredService<RealtimeFanout>());
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests.",
                        Detail = "This caller has used its share of requests for now; retry after the time in Retry-After.",
                        Type = "urn:casegrid:problem:rate-limited",
                    },
                });
            };

            // One bucket per caller: the partner system when one acts, else the user; anonymous calls share by address.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var caller = http.User.Identity?.IsAuthenticated == true
                    ? http.User.ToActor() is var actor && actor.ClientId is not null ? $"client:{actor.ClientId}" : $"user:{actor.UserId}"
                    : $"ip:{http.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitsPerWindow,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                });
            });
        });

        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql", tags: ["ready"])
            .AddCheck<OrleansHealthCheck>("orleans", tags: ["ready"]);
        return builder;
    }

    /// <summary>Map the API, the OpenAPI document, health endpoints, the development issuer (when enabled) and the web app.</summary>
    public static WebApplication MapCaseGridApi(this WebApplication app)
    {
        var apiOptions = app.Services.GetRequiredService<IOptions<CaseGridApiOptions>>().Value;
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestSizeLimitMiddleware>(apiOptions.MaxRequestBodyBytes);

        var web = Path.Combine(AppContext.BaseDirectory, "web");
        if (Directory.Exists(web))
        {
            var files = new PhysicalFileProvider(web);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        app.UseAuthentication();
        app.UseMiddleware<ActingForMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapCaseGridOpenApi();
        app.MapClientConfig();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });

        app.MapCases();
        app.MapErasure();
        app.MapGroups();
        app.MapPlan();
        app.MapConsent();
        app.MapAudit();
        app.MapHandovers();
        app.MapUnits();
        app.MapMeetings();
        app.MapIndicators();
        app.MapTime();
        app.MapRuleSets();
        app.MapFeed();
        app.MapWebhooks();
        app.MapFhir();
        app.MapHub<CaseHub>(CaseHub.Path);
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.DevIssuerEnabled)
        {
            app.MapDevTokens();
        }

        return app;
    }

    private static void ConfigureJwt(JwtBearerOptions jwt, IOptions<AuthOptions> options)
    {
        var o = options.Value;
        jwt.MapInboundClaims = false;

        // Browsers cannot set headers on WebSockets: the hub takes the token from the query string.
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                if (context.HttpContext.Request.Path.StartsWithSegments(CaseHub.Path) && context.Request.Query["access_token"] is { Count: > 0 } token)
                {
                    context.Token = token;
                }

                return Task.CompletedTask;
            },
        };
        jwt.TokenValidationParameters.NameClaimType = "name";
        jwt.TokenValidationParameters.RoleClaimType = o.RoleClaim;
        jwt.TokenValidationParameters.ValidAudience = o.Audience;
        if (!string.IsNullOrEmpty(o.Authority))
        {
            jwt.Authority = o.Authority;
            jwt.Audience = o.Audience;
            jwt.RequireHttpsMetadata = o.RequireHttpsMetadata;
            if (!string.IsNullOrEmpty(o.MetadataAddress))
            {
                jwt.MetadataAddress = o.MetadataAddress;
            }

            return;
        }

        jwt.TokenValidationParameters.ValidIssuer = o.DevIssuer;
        jwt.TokenValidationParameters.IssuerSigningKey = DevTokenIssuer.KeyFrom(o);
        jwt.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
    }
}
