using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// Writes polymorphic types (a case event's <c>type</c>) the way client generators read them: the base schema declares
/// the discriminator property and its mapping, and each variant is <c>allOf</c> the base plus its own properties. The
/// generated document instead lists the variants as <c>anyOf</c> of the base, which generated clients cannot map back
/// to types, so they fail to read any answer that carries events.
/// </summary>
public sealed class DiscriminatorSchemaTransformer : IOpenApiDocumentTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Components?.Schemas is not { } schemas)
        {
            return Task.CompletedTask;
        }

        foreach (var (name, schema) in schemas.ToList())
        {
            if (schema is not OpenApiSchema { Discriminator: { PropertyName: { } property, Mapping: { Count: > 0 } mapping } } parent
                || (parent.AnyOf ?? parent.OneOf) is null)
            {
                continue;
            }

            parent.AnyOf = null;
            parent.OneOf = null;
            parent.Type = JsonSchemaType.Object;
            parent.Properties = new Dictionary<string, IOpenApiSchema> { [property] = new OpenApiSchema { Type = JsonSchemaType.String } };
            parent.Required = new HashSet<string> { property };
            foreach (var variantId in mapping.Values.Select(r => r.Reference.Id).OfType<string>().Distinct())
            {
                if (schemas.TryGetValue(variantId, out var found) && found is OpenApiSchema variant)
                {
                    schemas[variantId] = new OpenApiSchema
                    {
                        Description = variant.Description,
                        AllOf =
                        [
                            new OpenApiSchemaReference(name, document),
                            new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Properties = variant.Properties?.Where(p => p.Key != property).ToDictionary(p => p.Key, p => p.Value),
                                Required = variant.Required?.Where(r => r != property).ToHashSet(),
                            },
                        ],
                    };
                }
            }
        }

        return Task.CompletedTask;
    }
}
