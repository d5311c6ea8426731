using GeneMask.Pmi;

namespace GeneMask.Masking;

/// <summary>
/// Something a pretraining run can be masked with, by name: a strategy (<see cref="MaskingStrategyEntry"/>, for the
/// whole run) or a curriculum (<see cref="CurriculumEntry"/>). Every consumer — dependency injection, the reproduction
/// pipeline, the comparison, the command line, the figure, the benchmarks — knows strategies and curricula only through
/// these entries (<see cref="MaskingCatalog"/>), so a name means the same everywhere: folders, metrics, logged phases,
/// reports and fingerprints.
/// </summary>
public abstract class MaskingCatalogEntry
{
    private protected MaskingCatalogEntry()
    {
    }

    /// <summary>The canonical name (lower case, words joined by '-'), e.g. <c>kmer-span</c>; what <see cref="IMaskingStrategy.Name"/> and <see cref="ICurriculumScheduler.Name"/> return.</summary>
    public required string Name { get; init; }

    /// <summary>A name for people (figure labels, help texts), e.g. <c>k-mer span (DNABERT)</c>; <see cref="Name"/> when not set.</summary>
    public string Title
    {
        get => field ?? Name;
        init;
    }

    /// <summary>
    /// What the paper's tables write after the architecture for a model pretrained with it (<c>GeneMask</c> in
    /// "DNABert GeneMask 10K"); <see cref="Name"/> when not set. Empty for DNABERT's own k-mer spans: the paper names
    /// those models by the architecture alone ("DNABert 10K").
    /// </summary>
    public string PaperName
    {
        get => field ?? Name;
        init;
    }

    /// <summary>Other names accepted when looking it up (never written anywhere); empty for most entries.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// The curriculum that pretrains with this entry over <paramref name="table"/>: a strategy for the whole run
    /// (<see cref="ConstantCurriculum"/> at its default probability), or the curriculum itself.
    /// </summary>
    /// <param name="table">The NPMI ranking; its k is the k of every strategy built.</param>
    /// <param name="compatibility">The upstream behaviours to reproduce; <see langword="null"/> for none.</param>
    /// <param name="settings">The curricula's options and the loggers; <see langword="null"/> for the defaults.</param>
    public abstract ICurriculumScheduler CreateCurriculum(PmiTable table, UpstreamCompatibility? compatibility = null, CurriculumSettings? settings = null);

    /// <inheritdoc />
    public override string ToString() => Name;
}
