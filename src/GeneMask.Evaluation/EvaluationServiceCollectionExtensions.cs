using GeneMask.Evaluation.Runs;
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
    public static IServiceCollection AddGeneMaskEvaluation(this IServiceCollection services, Action<EvaluationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<EvaluationOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvaluationOptions>, EvaluationOptionsAttributeValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvaluationOptions>, EvaluationOptionsValidator>());
        services.TryAddSingleton<EvaluationRunner>();
        return services;
    }
}
