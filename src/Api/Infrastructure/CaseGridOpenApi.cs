using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// The OpenAPI document at <see cref="DocumentPath"/>, made complete for readers: an example body on every write,
/// problem responses (RFC 9457, with CaseGrid's <c>code</c>) with examples, and the bearer scheme on every operation
/// that needs a token. A browsable reference is served from the host's own assets at <see cref="ReferencePath"/>.
/// </summary>
public static class CaseGridOpenApi
{
    /// <summary>Where the document is served.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Where the browsable reference is served.</summary>
    public const string ReferencePath = "/api/reference";

    /// <summary>The name of the bearer security scheme.</summary>
    public const string BearerScheme = "Bearer";

    private const string ProblemJson = "application/problem+json";
    private const string ProblemSchema = "ProblemDetails";

    /// <summary>Register the document and its transformers.</summary>
    public static IServiceCollection AddCaseGridOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddOperationTransformer<RouteParameterTransformer>();
            o.AddSchemaTransformer<EnumSchemaTransformer>();
            o.AddDocumentTransformer<DiscriminatorSchemaTransformer>();
            o.AddDocumentTransformer(DescribeDocumentAsync);
            o.AddSchemaTransformer(DescribeProblem);
            o.AddOperationTransformer(DescribeOperation);
        });

    /// <summary>Map the document and the reference page.</summary>
    public static WebApplication MapCaseGridOpenApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = ReferencePath.TrimStart('/');
            o.DocumentTitle = "CaseGrid API";

            // Relative, so the page also works behind a path base.
            o.SwaggerEndpoint($"../..{DocumentPath}", "CaseGrid v1");
            o.ConfigObject.ValidatorUrl = null;
        });
        return app;
    }

    private static async Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "CaseGrid API",
            Version = "v1",
            Description = "Case collaboration around people released from prison: cases, ansvarsgruppe, plan, handovers, meetings, " +
                "deadlines and units. Every refusal is an RFC 9457 problem (application/problem+json) with a stable `code`. " +
                "Writes accept an Idempotency-Key header: a write answered 503 `cluster.unavailable` certainly did nothing; one " +
                "answered 504 `outcome.unknown` may have happened, and sent again with the same key it is applied at most once.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT from the configured OpenID Connect issuer, or in development from POST /dev/token.",
        };

        // The operations refer to the problem schema; make sure it is there even if no endpoint declared one.
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(ProblemSchema))
        {
            document.Components.Schemas[ProblemSchema] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken);
        }
    }

    private static Task DescribeProblem(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(ProblemDetails))
        {
            schema.Description = "An RFC 9457 problem. CaseGrid's refusals add a stable `code`; a stale edit adds `currentVersion` and `current`.";
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Why, for programs: e.g. handover.not-accepted, version.stale." };
            schema.Properties["currentVersion"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int64", Description = "With version.stale: the item's version now." };
            schema.Properties["current"] = new OpenApiSchema { Description = "With version.stale: the item as it is now." };
        }

        return Task.CompletedTask;
    }

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid bearer token." });
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "Not allowed by the case's or unit's state." });
        }

        operation.Responses.TryAdd("429", new OpenApiResponse { Description = "This caller's share of requests is used up; retry after Retry-After." });
        if (context.Description.HttpMethod is { } method && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)
            && context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyMiddleware.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Makes the write safe to send again: a retry with the same key and request gets the first answer " +
                    "(header Idempotent-Replayed: true) and applies nothing twice — also after 503 cluster.unavailable or " +
                    "504 outcome.unknown. 1 to 200 characters, per caller, kept 24 hours.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyStore.MaxKeyLength },
            });
            operation.Responses.TryAdd("503", new OpenApiResponse { Description = "cluster.unavailable: the case could not be reached; nothing was changed. Retry after Retry-After." });
            operation.Responses.TryAdd("504", new OpenApiResponse { Description = "outcome.unknown: no answer came; the change may or may not have been made. Send it again with the same Idempotency-Key." });
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (status.StartsWith('4') || status.StartsWith('5'))
            {
                DescribeProblemResponse(response, status, context.Document);
            }
        }

        var body = context.Description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body);
        if (body is not null && operation.RequestBody?.Content is { } content)
        {
            var example = ExampleFor(body.Type, context.ApplicationServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions);
            foreach (var media in content.Where(m => m.Key.Contains("json", StringComparison.Ordinal)).Select(m => m.Value))
            {
                media.Example = example?.DeepClone();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The example body of <paramref name="type"/> as JSON: from <see cref="OpenApiExamples"/>, or for a request type that
    /// has no entry there yet, one built from its JSON shape and property names, so no write goes without an example.
    /// </summary>
    public static JsonNode? ExampleFor(Type type, JsonSerializerOptions json) =>
        OpenApiExamples.Bodies.TryGetValue(type, out var known) ? JsonSerializer.SerializeToNode(known, type, json) : Sample(type, "", json, 0);

    private static void DescribeProblemResponse(IOpenApiResponse response, string status, OpenApiDocument? document)
    {
        if (response is not OpenApiResponse concrete)
        {
            return;
        }

        concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (!concrete.Content.TryGetValue(ProblemJson, out var media))
        {
            // ProducesProblem declares problems as application/problem+json already; the added ones get it here.
            media = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, document) };
            concrete.Content[ProblemJson] = media;
        }

        media.Example ??= ProblemExample(status);
    }

    /// <summary>A problem as the host sends it for <paramref name="status"/>: a domain refusal with its code, or the framework's own.</summary>
    private static JsonObject ProblemExample(string status) => status switch
    {
        "400" => Refusal(400, "id.invalid", "The request is not valid.", "'ownerId' must be 1–64 letters, digits, '-', '_' or '.'."),
        "401" => Framework(401, "https://tools.ietf.org/html/rfc9110#section-15.5.2", "Unauthorized"),
        "403" => Refusal(403, "need.not-owner", "You may not do this.", "Only the accountable owner or the coordinator may change this need area."),
        "404" => Refusal(404, "handover.not-found", "Not found.", "The case has no handover 'h-3'."),
        "409" => Refusal(409, "handover.closed", "The request conflicts with the current state.", "The handover is already completed."),
        "413" => Framework(413, "urn:casegrid:problem:request.too-large", "The request body is too large.", "Request bodies are limited to 65536 bytes."),
        "422" => Refusal(422, "measure.owner-not-member", "The request breaks a rule of the case.", "'u-sofie' is not a current member of the group."),
        "429" => Framework(429, "urn:casegrid:problem:rate-limited", "Too many requests.", "This caller has used its share of requests for now; retry after the time in Retry-After."),
        "503" => Refusal(503, ClusterFailures.Unavailable, "The case cannot be reached right now; nothing was changed.", "The case cannot be reached right now (a server is failing over); nothing was changed. Try again in a moment."),
        "504" => Refusal(504, ClusterFailures.OutcomeUnknown, "No answer came; the change may or may not have been made.", "No answer came from the case (a server failed or was too slow while the change was being made): it may or may not have been made. Send it again with the same command id or Idempotency-Key; it will not be applied twice."),
        _ => Framework(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), "https://tools.ietf.org/html/rfc9110#section-15.6.1", "An error occurred while processing your request."),
    };

    private static JsonObject Refusal(int status, string code, string title, string detail)
    {
        var problem = Framework(status, $"urn:casegrid:problem:{code}", title, detail);
        problem["code"] = code;
        return problem;
    }

    private static JsonObject Framework(int status, string type, string title, string? detail = null)
    {
        var problem = new JsonObject { ["type"] = type, ["title"] = title, ["status"] = status };
        if (detail is not null)
        {
            problem["detail"] = detail;
        }

        return problem;
    }

    private static JsonNode? Sample(Type type, string name, JsonSerializerOptions json, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return SampleText(name);
        }

        if (type.IsEnum)
        {
            return JsonSerializer.SerializeToNode(Enum.GetValues(type).GetValue(0), type, json);
        }

        JsonNode? scalar = Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => false,
            TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.Decimal or TypeCode.Double => 1,
            _ when type == typeof(DateOnly) => "2026-06-12",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "2026-06-12T10:00:00+02:00",
            _ => null,
        };
        if (scalar is not null || depth > 4)
        {
            return scalar;
        }

        var info = json.GetTypeInfo(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Object => new JsonObject(info.Properties.Select(p =>
                KeyValuePair.Create(p.Name, Sample(p.PropertyType, p.Name, json, depth + 1)))),
            JsonTypeInfoKind.Enumerable => new JsonArray(Sample(info.ElementType!, name, json, depth + 1)),
            _ => new JsonObject(),
        };
    }

    private static string SampleText(string name) => name switch
    {
        _ when name.EndsWith("UserId", StringComparison.OrdinalIgnoreCase) || name.EndsWith("OwnerId", StringComparison.OrdinalIgnoreCase) => "u-kari",
        _ when name.EndsWith("UnitId", StringComparison.OrdinalIgnoreCase) => "bergen-kommune",
        _ when name.EndsWith("Code", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Codes", StringComparison.OrdinalIgnoreCase) || name == "subject" => "housing",
        _ when name.EndsWith("Id", StringComparison.OrdinalIgnoreCase) => "case-demo-ola",
        _ when name.EndsWith("Name", StringComparison.OrdinalIgnoreCase) => "Kari Nilsen",
        _ => "Avtalt i ansvarsgruppemøtet.",
    };
}
