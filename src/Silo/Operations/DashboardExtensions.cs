using CaseGrid.Api.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Orleans.Dashboard;

namespace CaseGrid.Silo.Operations;

/// <summary>
/// The Orleans dashboard (silos, grain activations, call rates, reminders) at <see cref="Path"/>, for operators only.
/// Every silo collects its figures; the hosts that serve the API show them.
/// </summary>
public static class DashboardExtensions
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Path = "/dashboard";

    /// <summary>
    /// The setting that turns the dashboard on or off: on by default in Development, off elsewhere unless set. Every silo
    /// with the dashboard samples Orleans' metrics and its own statistics every second, whether anyone looks or not
    /// (docs/operations.md, "Orleans dashboard").
    /// </summary>
    public const string EnabledKey = "CaseGrid:Dashboard:Enabled";

    /// <summary>
    /// The cookie that carries an operator's token to the dashboard's own requests once the browser has opened
    /// <c>/dashboard/?access_token=…</c>: the dashboard's script cannot send a bearer header.
    /// </summary>
    public const string TokenCookie = "casegrid-operator";

    /// <summary>Add the dashboard to the silo and the operator policy to the API.</summary>
    public static IHostApplicationBuilder AddCaseGridDashboard(this IHostApplicationBuilder builder)
    {
        if (!IsEnabled(builder.Configuration, builder.Environment))
        {
            return builder;
        }

        builder.UseOrleans(orleans => orleans.AddDashboard());
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperatorAccess.Policy, p => p.RequireAuthenticatedUser().RequireRole(OperatorAccess.Role));
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.Events ??= new JwtBearerEvents();
            var previous = jwt.Events.OnMessageReceived;
            jwt.Events.OnMessageReceived = async context =>
            {
                await previous(context);
                var request = context.Request;
                if (context.Token is null && request.Path.StartsWithSegments(Path) && request.Headers.Authorization.Count == 0)
                {
                    context.Token = request.Query["access_token"] is { Count: 1 } query ? query.ToString() : request.Cookies[TokenCookie];
                }
            };
        });
        return builder;
    }

    /// <summary>Map the dashboard at <see cref="Path"/> behind the operator policy; call after the API is mapped.</summary>
    public static WebApplication MapCaseGridDashboard(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration, app.Environment))
        {
            return app;
        }

        var dashboard = app.MapOrleansDashboard(Path)
            .RequireAuthorization(OperatorAccess.Policy)
            .ExcludeFromDescription();

        // Grain state holds the cases themselves (names, needs in the person's own words): operators run the cluster and
        // are not members of the cases, so the dashboard shows counts and timings, never state. The route itself answers
        // 404, so no spelling of its address (a trailing slash, other letter case, escapes) reaches it.
        ((IEndpointConventionBuilder)dashboard).Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && ShowsGrainState(route.RoutePattern))
            {
                route.RequestDelegate = http =>
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                };
            }
        });
        dashboard.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;

            // A token in the address is moved into a cookie at once, so it leaves the address bar and history.
            if (http.Request.Query.TryGetValue("access_token", out var token) && token.Count == 1)
            {
                http.Response.Cookies.Append(TokenCookie, token.ToString(), new CookieOptions
                {
                    HttpOnly = true,
                    Secure = http.Request.IsHttps,
                    SameSite = SameSiteMode.Strict,
                    Path = Path,
                    IsEssential = true,
                    Expires = long.TryParse(http.User.FindFirst("exp")?.Value, out var exp) ? DateTimeOffset.FromUnixTimeSeconds(exp) : null,
                });
                return TypedResults.Redirect($"{http.Request.PathBase}{http.Request.Path}");
            }

            return await next(context);
        });
        return app;
    }

    /// <summary>Whether this host runs the dashboard: <see cref="EnabledKey"/> when set, else only in Development.</summary>
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return configuration.GetValue(EnabledKey, environment.IsDevelopment());
    }

    /// <summary>True for the dashboard route that reads a grain's state: its last segment is <c>GrainState</c>, in any case.</summary>
    public static bool ShowsGrainState(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern) =>
        pattern is { PathSegments: [.., { Parts: [Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart { Content: var last }] }] }
        && last.Equals("GrainState", StringComparison.OrdinalIgnoreCase);
}
