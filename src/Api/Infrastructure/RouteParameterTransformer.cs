using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// Declares every parameter of an operation's route in the OpenAPI document. Command endpoints read ids such as
/// <c>{handoverId}</c> from the route values rather than from handler parameters, so the generator would leave them
/// out, and a client generated from the document could not call them.
/// </summary>
public sealed class RouteParameterTransformer : IOpenApiOperationTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Description.RelativePath is not { } path)
        {
            return Task.CompletedTask;
        }

        foreach (var parameter in RoutePatternFactory.Parse(path).Parameters)
        {
            if (operation.Parameters?.Any(p => p.In == ParameterLocation.Path && p.Name == parameter.Name) == true)
            {
                continue;
            }

            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Path,
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }
}
