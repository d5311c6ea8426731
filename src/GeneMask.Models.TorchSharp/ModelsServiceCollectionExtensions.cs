using GeneMask.Evaluation;
using GeneMask.Models.TorchSharp.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the model trainers.</summary>
public static class ModelsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="MlmPretrainer"/> (transient) with its options, validated on start.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes to the defaults, optional.</param>
    public static IServiceCollection AddGeneMaskPretraining(this IServiceCollection services, Action<PretrainingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<PretrainingOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return RegisterPretraining(services, builder);
    }

    /// <summary>
    /// Registers <see cref="MlmPretrainer"/> with <see cref="PretrainingOptions"/> bound to <paramref name="configuration"/>
    /// (e.g. <c>configuration.GetSection("Pretraining")</c>), validated on start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the option values by property name.</param>
    public static IServiceCollection AddGeneMaskPretraining(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return RegisterPretraining(services, services.AddOptions<PretrainingOptions>().Bind(configuration));
    }

    /// <summary>
    /// Registers <see cref="SequenceClassifierTrainer"/> as the <see cref="ISequenceClassifierTrainer"/> with its
    /// options, validated on start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes to the defaults, optional.</param>
    public static IServiceCollection AddGeneMaskFineTuning(this IServiceCollection services, Action<SequenceClassifierOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<SequenceClassifierOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return RegisterFineTuning(services, builder);
    }

    /// <summary>
    /// Registers <see cref="SequenceClassifierTrainer"/> as the <see cref="ISequenceClassifierTrainer"/> with
    /// <see cref="SequenceClassifierOptions"/> bound to <paramref name="configuration"/> (e.g.
    /// <c>configuration.GetSection("FineTuning")</c>), validated on start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the option values by property name.</param>
    public static IServiceCollection AddGeneMaskFineTuning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return RegisterFineTuning(services, services.AddOptions<SequenceClassifierOptions>().Bind(configuration));
    }

    private static IServiceCollection RegisterPretraining(IServiceCollection services, OptionsBuilder<PretrainingOptions> builder)
    {
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PretrainingOptions>, PretrainingOptionsValidator>());
        services.TryAddTransient<MlmPretrainer>();
        return services;
    }

    private static IServiceCollection RegisterFineTuning(IServiceCollection services, OptionsBuilder<SequenceClassifierOptions> builder)
    {
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SequenceClassifierOptions>, SequenceClassifierOptionsValidator>());
        services.TryAddSingleton<SequenceClassifierTrainer>();
        services.TryAddSingleton<ISequenceClassifierTrainer>(sp => sp.GetRequiredService<SequenceClassifierTrainer>());
        return services;
    }
}
