using GeneMask.Pmi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking;

/// <summary>
/// The catalogue entry of a strategy of type <typeparamref name="TStrategy"/> with options <typeparamref name="TOptions"/>:
/// one object literal names it and says how to build it.
/// </summary>
/// <example>
/// <code>
/// MaskingCatalog.Register(new MaskingStrategyEntry&lt;WideSpanMasking, WideSpanMaskingOptions&gt;
/// {
///     Name = "wide-span",
///     Title = "wide span (random centres)",
///     Factory = (table, options) => new WideSpanMasking(options),
///     Configure = (options, table, compatibility) => options.K = table.K,
/// });
/// </code>
/// </example>
/// <typeparam name="TStrategy">The strategy.</typeparam>
/// <typeparam name="TOptions">Its options (a new instance holds the defaults).</typeparam>
public sealed class MaskingStrategyEntry<TStrategy, TOptions> : MaskingStrategyEntry
    where TStrategy : IMaskingStrategy
    where TOptions : class, new()
{
    /// <summary>Builds the strategy from the NPMI ranking and its options (which it must validate).</summary>
    public required Func<PmiTable, TOptions, TStrategy> Factory { get; init; }

    /// <summary>
    /// Adjusts fresh default options to the table (e.g. k) and to the upstream behaviours the strategy honours
    /// (<see cref="UpstreamCompatibility"/>); <see langword="null"/> when the defaults fit every table and reading.
    /// </summary>
    public Action<TOptions, PmiTable, UpstreamCompatibility>? Configure { get; init; }

    /// <inheritdoc />
    public override Type StrategyType => typeof(TStrategy);

    /// <inheritdoc />
    public override Type OptionsType => typeof(TOptions);

    /// <summary>Where <see cref="MaskingOptions"/> keeps the built-in strategies' options (others come from <c>IOptions&lt;TOptions&gt;</c>).</summary>
    internal Func<MaskingOptions, TOptions>? Section { get; init; }

    /// <inheritdoc />
    public override object CreateOptions(PmiTable table, UpstreamCompatibility? compatibility = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var options = new TOptions();
        Configure?.Invoke(options, table, compatibility ?? UpstreamCompatibility.None);
        return options;
    }

    /// <inheritdoc />
    public override IMaskingStrategy Create(PmiTable table, object? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= CreateOptions(table);
        return options is TOptions typed
            ? Factory(table, typed)
            : throw new ArgumentException($"The '{Name}' strategy takes {typeof(TOptions).Name}, not {options.GetType().Name}.", nameof(options));
    }

    /// <inheritdoc />
    internal override object ServiceOptions(IServiceProvider services) => Section is { } section
        ? section(services.GetRequiredService<IOptions<MaskingOptions>>().Value)
        : services.GetRequiredService<IOptions<TOptions>>().Value;
}
