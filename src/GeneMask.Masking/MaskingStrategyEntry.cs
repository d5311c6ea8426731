using GeneMask.Pmi;
using Microsoft.Extensions.Logging;

namespace GeneMask.Masking;

/// <summary>
/// A masking strategy as the catalogue knows it: its name, its type and options type, and how to build it. Create one
/// with <see cref="MaskingStrategyEntry{TStrategy, TOptions}"/>.
/// </summary>
public abstract class MaskingStrategyEntry : MaskingCatalogEntry
{
    private protected MaskingStrategyEntry()
    {
    }

    /// <summary>The strategy's type (its kind).</summary>
    public abstract Type StrategyType { get; }

    /// <summary>The type of its options.</summary>
    public abstract Type OptionsType { get; }

    /// <summary>Default options for <paramref name="table"/> with the upstream behaviours of <paramref name="compatibility"/> applied.</summary>
    /// <param name="table">The NPMI ranking (its k).</param>
    /// <param name="compatibility">The upstream behaviours; <see langword="null"/> for none.</param>
    /// <returns>A new options object of type <see cref="OptionsType"/>.</returns>
    public abstract object CreateOptions(PmiTable table, UpstreamCompatibility? compatibility = null);

    /// <summary>Builds the strategy.</summary>
    /// <param name="table">The NPMI ranking.</param>
    /// <param name="options">Options of type <see cref="OptionsType"/>; <see langword="null"/> for <see cref="CreateOptions"/>(<paramref name="table"/>).</param>
    /// <exception cref="ArgumentException">The options are of another type.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid (the library's strategies; a registered one throws what its constructor throws).</exception>
    public abstract IMaskingStrategy Create(PmiTable table, object? options = null);

    /// <summary>Builds the strategy with the upstream behaviours of <paramref name="compatibility"/>.</summary>
    /// <param name="table">The NPMI ranking.</param>
    /// <param name="compatibility">The upstream behaviours.</param>
    public IMaskingStrategy Create(PmiTable table, UpstreamCompatibility compatibility) => Create(table, CreateOptions(table, compatibility));

    /// <inheritdoc />
    public override ICurriculumScheduler CreateCurriculum(PmiTable table, UpstreamCompatibility? compatibility = null, CurriculumSettings? settings = null) =>
        new ConstantCurriculum(Create(table, compatibility ?? UpstreamCompatibility.None), logger: settings?.Loggers?.CreateLogger<ConstantCurriculum>());

    /// <summary>The options dependency injection builds the strategy with.</summary>
    internal abstract object ServiceOptions(IServiceProvider services);
}
