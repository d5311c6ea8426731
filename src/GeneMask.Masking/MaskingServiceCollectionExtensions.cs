using GeneMask.Masking;
using GeneMask.Pmi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the masking services.</summary>
public static class MaskingServiceCollectionExtensions
{
    /// <summary>
    /// Registers, configured from <see cref="MaskingOptions"/> (validated on start): as singletons the
    /// <see cref="PmiTable"/> (unless one is registered already), every strategy of the <see cref="MaskingCatalog"/>
    /// (immutable; by its type and as <see cref="IMaskingStrategy"/> keyed by its name) and <see cref="MlmCollator"/>; as
    /// a transient service the chosen <see cref="ICurriculumScheduler"/>.
    /// </summary>
    /// <remarks>
    /// A curriculum carries the state of one training run (the validation perplexities it saw, its switch step), so
    /// every resolution gives a new one: resolve one per run, never share it between runs. The library's strategies take
    /// their options from <see cref="MaskingOptions"/>; a registered strategy takes them from <c>IOptions&lt;TOptions&gt;</c>
    /// (<c>services.Configure&lt;TOptions&gt;(…)</c>) and must be registered in the catalogue before this call.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes to the defaults, optional.</param>
    public static IServiceCollection AddGeneMaskMasking(this IServiceCollection services, Action<MaskingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<MaskingOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return Register(services, builder);
    }

    /// <summary>
    /// Registers the masking services as <see cref="AddGeneMaskMasking(IServiceCollection, Action{MaskingOptions}?)"/>
    /// does, with <see cref="MaskingOptions"/> bound to <paramref name="configuration"/> (e.g.
    /// <c>configuration.GetSection("Masking")</c>; nested options by property name, e.g. <c>CmGems:Threshold</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the option values.</param>
    public static IServiceCollection AddGeneMaskMasking(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, services.AddOptions<MaskingOptions>().Bind(configuration));
    }

    private static IServiceCollection Register(IServiceCollection services, OptionsBuilder<MaskingOptions> builder)
    {
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MaskingOptions>, MaskingOptionsValidator>());

        services.TryAddSingleton(sp =>
        {
            var options = Options(sp);
            return options.PmiTablePath is null ? PmiTable.LoadDefault() : PmiTable.Load(options.PmiTablePath, options.Collator.K);
        });
        foreach (var entry in MaskingCatalog.Strategies)
        {
            services.TryAddKeyedSingleton<IMaskingStrategy>(entry.Name, (sp, _) => entry.Create(Table(sp), entry.ServiceOptions(sp)));
            services.TryAdd(ServiceDescriptor.Singleton(entry.StrategyType, sp => sp.GetRequiredKeyedService<IMaskingStrategy>(entry.Name)));
        }

        services.TryAddSingleton(sp => new MlmCollator(Options(sp).Collator));
        services.TryAddTransient<ICurriculumScheduler>(CreateCurriculum);
        return services;
    }

    private static MaskingOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<MaskingOptions>>().Value;

    private static PmiTable Table(IServiceProvider sp)
    {
        var table = sp.GetRequiredService<PmiTable>();
        var k = Options(sp).Collator.K;
        if (table.K != k)
        {
            throw new OptionsValidationException(nameof(MaskingOptions), typeof(MaskingOptions), [$"The PMI table has k = {table.K} but MaskingOptions.Collator.K = {k}."]);
        }

        return table;
    }

    private static IMaskingStrategy Strategy(IServiceProvider sp, string name) =>
        sp.GetRequiredKeyedService<IMaskingStrategy>(MaskingCatalog.GetStrategy(name).Name);

    private static ICurriculumScheduler CreateCurriculum(IServiceProvider sp)
    {
        var options = Options(sp);
        var loggers = sp.GetService<ILoggerFactory>();
        var settings = new CurriculumSettings { CmGems = options.CmGems, CmStep = options.CmStep, Loggers = loggers };
        return options.Curriculum switch
        {
            CurriculumKind.Constant => new ConstantCurriculum(Strategy(sp, options.Strategy), options.ConstantProbability, loggers?.CreateLogger<ConstantCurriculum>()),
            CurriculumKind.CmStep => MaskingCatalog.GetCurriculum(CmStepCurriculum.CurriculumName).Create(name => Strategy(sp, name), settings),
            CurriculumKind.RatioDecay => new MaskingRatioDecayCurriculum(Strategy(sp, options.Strategy), options.RatioDecay, loggers?.CreateLogger<MaskingRatioDecayCurriculum>()),
            CurriculumKind.CmGems => MaskingCatalog.GetCurriculum(CmGemsCurriculum.CurriculumName).Create(name => Strategy(sp, name), settings),
            _ => throw new OptionsValidationException(nameof(MaskingOptions), typeof(MaskingOptions), [$"MaskingOptions.Curriculum is {options.Curriculum}, which is no curriculum."]),
        };
    }
}
