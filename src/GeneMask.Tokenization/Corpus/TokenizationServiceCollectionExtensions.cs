using GeneMask.Tokenization;
using Microsoft.Extensions.Configuration;
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
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes to the defaults, optional.</param>
    public static IServiceCollection AddGeneMaskTokenization(this IServiceCollection services, Action<PretrainingCorpusOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<PretrainingCorpusOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return Register(services, builder);
    }

    /// <summary>
    /// Registers <see cref="PretrainingCorpusBuilder"/> with <see cref="PretrainingCorpusOptions"/> bound to
    /// <paramref name="configuration"/> (e.g. <c>configuration.GetSection("Corpus")</c>), validated on start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the option values by property name.</param>
    public static IServiceCollection AddGeneMaskTokenization(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, services.AddOptions<PretrainingCorpusOptions>().Bind(configuration));
    }

    private static IServiceCollection Register(IServiceCollection services, OptionsBuilder<PretrainingCorpusOptions> builder)
    {
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PretrainingCorpusOptions>, PretrainingCorpusOptionsValidator>());
        services.TryAddSingleton<PretrainingCorpusBuilder>();
        return services;
    }
}
