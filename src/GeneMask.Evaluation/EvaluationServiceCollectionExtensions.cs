using GeneMask.Evaluation.Runs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the GeneMask evaluation services.</summary>
public static class EvaluationServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="EvaluationRunner"/> and its validated <see cref="EvaluationOptions"/> (checked at start-up). An
    /// <c>ISequenceClassifierTrainer</c> must be registered as well (GeneMask.Models.TorchSharp provides one).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes to the defaults, optional.</param>
    public static IServiceCollection AddGeneMaskEvaluation(this IServiceCollection services, Action<EvaluationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<EvaluationOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return Register(services, builder);
    }

    /// <summary>
    /// Adds <see cref="EvaluationRunner"/> with <see cref="EvaluationOptions"/> bound to <paramref name="configuration"/>
    /// (e.g. <c>configuration.GetSection("Evaluation")</c>), validated on start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the option values by property name.</param>
    public static IServiceCollection AddGeneMaskEvaluation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, services.AddOptions<EvaluationOptions>().Bind(configuration));
    }

    private static IServiceCollection Register(IServiceCollection services, OptionsBuilder<EvaluationOptions> builder)
    {
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvaluationOptions>, EvaluationOptionsValidator>());
        services.TryAddSingleton<EvaluationRunner>();
        return services;
    }
}
