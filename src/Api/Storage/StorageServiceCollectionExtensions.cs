using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Storage;

/// <summary>Registers the storage options, validated on start, in every CaseGrid host.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Bind <see cref="StorageOptions"/> and check them when the host starts.</summary>
    public static IServiceCollection AddCaseGridStorageOptions(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        return services;
    }
}
