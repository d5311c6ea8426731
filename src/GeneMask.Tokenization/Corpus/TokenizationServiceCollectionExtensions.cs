using GeneMask.Tokenization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the tokenization services.</summary>
public static class TokenizationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PretrainingCorpusBuilder"/> as a singleton with its options, validated on start (and when the
    /// builder is created).
    /// </summary>
    public static IServiceCollection AddPretrainingCorpusBuilder(this IServiceCollection services, Action<PretrainingCorpusOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<PretrainingCorpusOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PretrainingCorpusOptions>, PretrainingCorpusOptionsValidator>());
        services.TryAddSingleton<PretrainingCorpusBuilder>();
        return services;
    }
}
