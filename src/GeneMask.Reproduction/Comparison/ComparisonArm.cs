using GeneMask.Masking;
using GeneMask.Pmi;

namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// An arm of a <see cref="MaskingComparison"/>: how (and whether) the shared initial model is pretrained. Every strategy
/// and curriculum of the <see cref="MaskingCatalog"/> is an arm under its catalogue name (<see cref="Of"/>); two arms
/// are the comparison's own: <see cref="None"/>, the control, and <see cref="GlobalByPosition"/>, an ablation.
/// </summary>
public sealed record ComparisonArm
{
    private ComparisonArm(string name, string? pretraining, UpstreamCompatibility compatibility)
    {
        Name = name;
        Pretraining = pretraining;
        Compatibility = compatibility;
    }

    /// <summary>No pretraining: the shared random initialisation itself (the control), <c>none</c>.</summary>
    public static ComparisonArm None { get; } = new("none", null, UpstreamCompatibility.None);

    /// <summary>
    /// The ablation <c>global-by-position</c>: Global with the upstream defect of looking ranks up by position, so the
    /// mask ignores the sequence.
    /// </summary>
    public static ComparisonArm GlobalByPosition { get; } =
        new("global-by-position", GlobalPmiMasking.StrategyName, UpstreamCompatibility.None with { RankLookup = RankLookup.ByPosition });

    /// <summary>The arm's name in folders, reports and on the command line.</summary>
    public string Name { get; }

    /// <summary>The catalogue strategy or curriculum the arm pretrains with; <see langword="null"/> for no pretraining.</summary>
    public string? Pretraining { get; }

    /// <summary>The upstream behaviours the arm's masking reproduces (none but for the ablation).</summary>
    public UpstreamCompatibility Compatibility { get; }

    /// <summary>Whether the arm's curriculum decides on validation evaluations (CM-GEMS), so the trainer must evaluate at its interval.</summary>
    internal bool DecidesOnEvaluations => Pretraining is not null && MaskingCatalog.Get(Pretraining) is CurriculumEntry { DecidesOnEvaluations: true };

    /// <summary>The arm that pretrains with a catalogue strategy or curriculum, named as the catalogue names it.</summary>
    /// <exception cref="ArgumentException">Not in the catalogue; the message lists the known names.</exception>
    public static ComparisonArm Of(string name)
    {
        var entry = MaskingCatalog.Get(name);
        return new(entry.Name, entry.Name, UpstreamCompatibility.None);
    }

    /// <summary>The curriculum that pretrains the arm; <see langword="null"/> for <see cref="None"/>.</summary>
    /// <param name="table">The 6-mer NPMI ranking.</param>
    /// <param name="cmGemsEvaluationInterval">Steps between CM-GEMS's validation evaluations.</param>
    public ICurriculumScheduler? CreateCurriculum(PmiTable table, int cmGemsEvaluationInterval)
    {
        ArgumentNullException.ThrowIfNull(table);

        // The paper's strategies pretrain exactly as the reproduction pipeline's paper flavour does.
        return Pretraining is null ? null : MaskingCatalog.Get(Pretraining).CreateCurriculum(
            table,
            Compatibility,
            new CurriculumSettings { CmGems = new CmGemsCurriculumOptions { EvaluationInterval = cmGemsEvaluationInterval } });
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
