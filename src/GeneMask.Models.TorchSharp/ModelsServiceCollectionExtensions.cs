using GeneMask.Evaluation;
using GeneMask.Models.TorchSharp.Training;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the model trainers.</summary>
public static class ModelsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="MlmPretrainer"/> with its options, validated on start.</summary>
    public static IServiceCollection AddMlmPretrainer(this IServiceCollection services, Action<PretrainingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<PretrainingOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PretrainingOptions>, PretrainingOptionsValidator>());
        services.TryAddTransient<MlmPretrainer>();
        return services;
    }

    /// <summary>
    /// Registers <see cref="SequenceClassifierTrainer"/> as the <see cref="ISequenceClassifierTrainer"/> with its
    /// options, validated on start.
    /// </summary>
    public static IServiceCollection AddSequenceClassifierTrainer(this IServiceCollection services, Action<SequenceClassifierOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<SequenceClassifierOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SequenceClassifierOptions>, SequenceClassifierOptionsValidator>());
        services.TryAddSingleton<SequenceClassifierTrainer>();
        services.TryAddSingleton<ISequenceClassifierTrainer>(sp => sp.GetRequiredService<SequenceClassifierTrainer>());
        return services;
    }
}
