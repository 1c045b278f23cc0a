using System.Text.Json.Serialization;
using CaseGrid.Api.Audit;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Endpoints;
using CaseGrid.Api.Health;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Api.Infrastructure.Idempotency;
using CaseGrid.Api.Mail;
using CaseGrid.Api.Partners;
using CaseGrid.Api.Realtime;
using CaseGrid.Api.Secrets;
using CaseGrid.Api.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.SignalR;
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
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        var onAzure = StorageOptions.FromConfiguration(builder.Configuration) is { Provider: StorageProvider.AzureStorage };
        services.AddOptions<CaseGridApiOptions>().BindConfiguration(CaseGridApiOptions.SectionName)
            .Configure<IConfiguration>((o, config) => o.ConnectionString = string.IsNullOrEmpty(o.ConnectionString) ? config.GetConnectionString("casegrid") ?? "" : o.ConnectionString)
            .Validate(o => onAzure || o.ConnectionString.Length > 0, "ConnectionStrings:casegrid (PostgreSQL) is required unless CaseGrid:Storage:Provider is AzureStorage.")
            .ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddCaseGridStorageOptions();

        // Read now, so a host without its master key refuses to start rather than fail at the first sealed write.
        services.TryAddSingleton(MasterKey.FromConfiguration(builder.Configuration));
        services.TryAddSingleton(sp => CaseGridDataSource.Create(sp.GetRequiredService<IOptions<CaseGridApiOptions>>().Value.ConnectionString));
        services.AddSingleton<DevSigningKey>();
        services.AddSingleton<DevTokenIssuer>();
        services.AddSingleton<DevPeople>();
        services.AddSingleton<AuditLog>();
        if (StorageOptions.FromConfiguration(builder.Configuration) is { Provider: StorageProvider.AzureStorage } storage)
        {
            services.TryAddSingleton(_ => new AzureStorageClients(storage.Azure));
            services.TryAddSingleton<IIdempotencyStore, AzureIdempotencyStore>();
            services.TryAddSingleton<IAuditStore, AzureAuditStore>();
            services.TryAddSingleton<IMailOutboxStore, AzureMailOutboxStore>();
            services.TryAddSingleton<ICaseLogHeads, AzureCaseLogHeads>();
            services.TryAddSingleton<IFeedStore, AzureFeedStore>();
            services.TryAddSingleton<IWebhookStore, AzureWebhookStore>();
        }

        services.TryAddSingleton<IIdempotencyStore, PostgresIdempotencyStore>();
        services.TryAddSingleton<IAuditStore, PostgresAuditStore>();
        services.TryAddSingleton<ICaseLogHeads, PostgresCaseLogHeads>();
        services.AddHostedService<IdempotencyKeyCleanup>();
        services.AddCaseGridPartners();
        services.AddCaseGridMail();

        // Every problem carries a stable code: the refusals set their own; the framework's (401, 404, 405, …) get one
        // from their status.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions.TryAdd("code", ProblemCodes.Of(c.ProblemDetails)));

        // A body the framework cannot bind is thrown in every environment, so it is answered as body.malformed with the
        // rest of the refusals; failures of the cluster become cluster.unavailable (503) or outcome.unknown (504).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<CaseGridExceptionHandler>();
        services.Configure<ExceptionHandlerOptions>(o => o.SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException);
        services.AddSingleton<IdempotencyStore>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddCaseGridOpenApi();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, IServiceProvider>((jwt, auth, sp) => ConfigureJwt(jwt, auth.Value, sp));
        services.AddAuthorization();

        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<LiveHeads>();
        services.AddSingleton<HostObserver>();
        services.AddSingleton<RealtimeFanout>();
        services.AddHostedService(sp => sp.GetRequiredService<RealtimeFanout>());
        services.AddSingleton<HubRateLimitFilter>();
        services.AddSignalR(o =>
        {
            // The rate limit first: a call over the caller's share is refused before anything runs; then the refusal codes.
            o.AddFilter<HubRateLimitFilter>();
            o.AddFilter<CaseHubFilter>();

            // A call that waits on a dying silo (up to the grain call timeout) must not hold up the connection's other
            // calls: a viewer catching up on one case while another waits, or an edit while a join waits.
            o.MaximumParallelInvocationsPerClient = 8;
        }).AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        services.AddOptions<HttpSecurityOptions>().BindConfiguration(HttpSecurityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HttpSecurityOptions>>((o, http) => ConfigureForwardedHeaders(o, http.Value));
        services.AddOptions<HstsOptions>().Configure<IOptions<HttpSecurityOptions>>((o, http) =>
        {
            o.MaxAge = TimeSpan.FromDays(http.Value.HstsMaxAgeDays);
            o.IncludeSubDomains = true;
        });
        services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<HttpSecurityOptions>>((o, http) =>
        {
            o.HttpsPort = http.Value.HttpsPort;
            o.RedirectStatusCode = StatusCodes.Status307TemporaryRedirect;
        });

        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // One share per caller, for REST (CallerRateLimitMiddleware) and the hub (HubRateLimitFilter) together.
        services.AddSingleton<CallerRateLimiter>();

        var health = services.AddHealthChecks();
        _ = onAzure ? health.AddCheck<AzureStorageHealthCheck>("azure-storage", tags: ["ready"]) : health.AddCheck<PostgresHealthCheck>("postgresql", tags: ["ready"]);
        health.AddCheck<OrleansHealthCheck>("orleans", tags: ["ready"]);
        return builder;
    }

    /// <summary>Map the API, the OpenAPI document, health endpoints, the development issuer (when enabled) and the web app.</summary>
    public static WebApplication MapCaseGridApi(this WebApplication app)
    {
        var apiOptions = app.Services.GetRequiredService<IOptions<CaseGridApiOptions>>().Value;
        var http = app.Services.GetRequiredService<IOptions<HttpSecurityOptions>>().Value;
        if (http.ForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }

        // HTTPS by default outside Development; a proxy's health probes over plain HTTP are answered, not redirected.
        if (http.RequireHttps ?? !app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), branch => branch.UseHttpsRedirection());
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
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
        app.UseMiddleware<CallerRateLimitMiddleware>();
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
        app.MapMe();
        app.MapDirectory();
        app.MapMeetings();
        app.MapIndicators();
        app.MapTime();
        app.MapRuleSets();
        app.MapFeed();
        app.MapWebhooks();
        app.MapFhir();
        app.MapHub<CaseHub>(CaseHub.Path);
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.ServesDevelopmentTokens)
        {
            app.MapDevTokens();
        }

        return app;
    }

    /// <summary>Believe X-Forwarded-For and X-Forwarded-Proto from the configured proxies only.</summary>
    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions o, HttpSecurityOptions http)
    {
        o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        foreach (var proxy in http.KnownProxies)
        {
            o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        }

        foreach (var network in http.KnownNetworks)
        {
            o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }

    /// <summary>Tokens an external issuer signs with its asymmetric keys; the development issuer's, HS256 only.</summary>
    private static readonly string[] IssuerAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private static void ConfigureJwt(JwtBearerOptions jwt, AuthOptions o, IServiceProvider services)
    {
        jwt.MapInboundClaims = false;

        // Browsers cannot set headers on WebSockets: the hub takes the token from the query string.
        var webClient = o.UsesDevelopmentIssuer ? DevTokenIssuer.WebAppClientId : o.WebClientId;
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

            // A token the configured web app holds is a person using CaseGrid itself: no partner system stands between.
            OnTokenValidated = context =>
            {
                context.Principal = ActorExtensions.WithoutWebClient(context.Principal!, webClient);
                return Task.CompletedTask;
            },
        };
        var validation = jwt.TokenValidationParameters;
        validation.NameClaimType = "name";
        validation.RoleClaimType = o.RoleClaim;
        validation.ValidAudience = o.Audience;
        validation.RequireSignedTokens = true;
        validation.RequireExpirationTime = true;
        if (!o.UsesDevelopmentIssuer)
        {
            jwt.Authority = o.Authority;
            jwt.Audience = o.Audience;
            jwt.RequireHttpsMetadata = o.RequireHttpsMetadata;
            if (!string.IsNullOrEmpty(o.MetadataAddress))
            {
                jwt.MetadataAddress = o.MetadataAddress;
            }

            validation.ValidAlgorithms = IssuerAlgorithms;
            validation.ClockSkew = TimeSpan.FromMinutes(1);
            return;
        }

        validation.ValidIssuer = o.DevIssuer;
        validation.IssuerSigningKey = services.GetRequiredService<DevSigningKey>().Key;
        validation.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        validation.ClockSkew = TimeSpan.FromSeconds(30);
    }
}
