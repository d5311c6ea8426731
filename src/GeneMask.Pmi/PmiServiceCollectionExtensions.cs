using GeneMask.Pmi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PMI services.</summary>
public static class PmiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GenomeCounter"/> and <see cref="PmiTableBuilder"/> as singletons with their options,
    /// validated on start (and when the services are created).
    /// </summary>
    public static IServiceCollection AddGeneMaskPmi(
        this IServiceCollection services,
        Action<NgramCountingOptions>? configureCounting = null,
        Action<PmiOptions>? configurePmi = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var counting = services.AddOptions<NgramCountingOptions>();
        if (configureCounting is not null)
        {
            counting.Configure(configureCounting);
        }

        counting.ValidateOnStart();
        var pmi = services.AddOptions<PmiOptions>();
        if (configurePmi is not null)
        {
            pmi.Configure(configurePmi);
        }

        pmi.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NgramCountingOptions>, NgramCountingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PmiOptions>, PmiOptionsValidator>());
        services.TryAddSingleton<GenomeCounter>();
        services.TryAddSingleton<PmiTableBuilder>();
        return services;
    }
}
