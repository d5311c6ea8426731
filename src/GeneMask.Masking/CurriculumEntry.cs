using GeneMask.Pmi;

namespace GeneMask.Masking;

/// <summary>
/// A curriculum as the catalogue knows it: its name, the catalogue strategies it switches between, and how to build it.
/// </summary>
public sealed class CurriculumEntry : MaskingCatalogEntry
{
    /// <summary>The names of the strategies it draws from, in the order <see cref="Factory"/> receives them.</summary>
    public required IReadOnlyList<string> Strategies { get; init; }

    /// <summary>
    /// Whether it decides on validation evaluations (CM-GEMS): the trainer must evaluate at the curriculum's interval, and
    /// its first phase change is its switch.
    /// </summary>
    public bool DecidesOnEvaluations { get; init; }

    /// <summary>Builds the curriculum from its strategies (in <see cref="Strategies"/> order) and the settings.</summary>
    public required Func<IReadOnlyList<IMaskingStrategy>, CurriculumSettings, ICurriculumScheduler> Factory { get; init; }

    /// <summary>Builds the curriculum with the strategies <paramref name="strategy"/> gives by name (e.g. a container's).</summary>
    /// <param name="strategy">Returns the strategy of a name of <see cref="Strategies"/>.</param>
    /// <param name="settings">The curricula's options; <see langword="null"/> for the defaults.</param>
    public ICurriculumScheduler Create(Func<string, IMaskingStrategy> strategy, CurriculumSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return Factory([.. Strategies.Select(strategy)], settings ?? new CurriculumSettings());
    }

    /// <inheritdoc />
    /// <remarks>The compatibility decides every upstream behaviour, CM-GEMS's switch rule included; <paramref name="settings"/> is not changed.</remarks>
    public override ICurriculumScheduler CreateCurriculum(PmiTable table, UpstreamCompatibility? compatibility = null, CurriculumSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        compatibility ??= UpstreamCompatibility.None;
        settings ??= new CurriculumSettings();
        var cmGems = settings.CmGems.Clone();
        compatibility.ApplyTo(cmGems);
        return Create(name => MaskingCatalog.GetStrategy(name).Create(table, compatibility), settings with { CmGems = cmGems });
    }
}
