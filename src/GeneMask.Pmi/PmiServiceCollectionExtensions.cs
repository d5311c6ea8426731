using GeneMask.Pmi;
using Microsoft.Extensions.Configuration;
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
    /// <param name="services">The service collection.</param>
    /// <param name="configureCounting">Changes to the counting defaults, optional.</param>
    /// <param name="configurePmi">Changes to the PMI defaults, optional.</param>
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

        var pmi = services.AddOptions<PmiOptions>();
        if (configurePmi is not null)
        {
            pmi.Configure(configurePmi);
        }

        return Register(services, counting, pmi);
    }

    /// <summary>
    /// Registers <see cref="GenomeCounter"/> and <see cref="PmiTableBuilder"/> with their options bound to
    /// <paramref name="configuration"/>: <see cref="NgramCountingOptions"/> from its <c>Counting</c> section and
    /// <see cref="PmiOptions"/> from its <c>Table</c> section; validated on start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <c>Counting</c> and <c>Table</c> (e.g. <c>configuration.GetSection("Pmi")</c>).</param>
    public static IServiceCollection AddGeneMaskPmi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(
            services,
            services.AddOptions<NgramCountingOptions>().Bind(configuration.GetSection("Counting")),
            services.AddOptions<PmiOptions>().Bind(configuration.GetSection("Table")));
    }

    private static IServiceCollection Register(IServiceCollection services, OptionsBuilder<NgramCountingOptions> counting, OptionsBuilder<PmiOptions> pmi)
    {
        counting.ValidateOnStart();
        pmi.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NgramCountingOptions>, NgramCountingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PmiOptions>, PmiOptionsValidator>());
        services.TryAddSingleton<GenomeCounter>();
        services.TryAddSingleton<PmiTableBuilder>();
        return services;
    }
}
