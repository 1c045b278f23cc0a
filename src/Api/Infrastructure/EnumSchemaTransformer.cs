using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// Marks enum schemas as strings in the OpenAPI document. The API writes enums by name, but the generated schema lists
/// the names without a type, and client generators then send and expect numbers.
/// </summary>
public sealed class EnumSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonTypeInfo.Type.IsEnum && schema.Type is null && schema.Enum is { Count: > 0 })
        {
            schema.Type = JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }
}
