using GeneMask.Infrastructure;
using GeneMask.Pmi;

namespace GeneMask.Masking;

/// <summary>
/// The common part of the strategies guided by the NPMI ranking (<see cref="GeneMaskMasking"/>,
/// <see cref="GlobalPmiMasking"/>): the table, the span geometry its k implies, and how ranks are looked up.
/// </summary>
public abstract class PmiGuidedMasking : IMaskingStrategy
{
    private protected PmiGuidedMasking(PmiTable table, double defaultProbability, RankLookup rankLookup, UnknownKmerRank unknownKmerRank)
    {
        ArgumentNullException.ThrowIfNull(table);
        Table = table;
        DefaultProbability = defaultProbability;
        RankLookup = rankLookup;
        UnknownKmerRank = unknownKmerRank;
        Geometry = new SpanGeometry(table.K);
        Ranks = new RankSource(table, rankLookup, unknownKmerRank);
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public double DefaultProbability { get; }

    /// <summary>The NPMI ranking used.</summary>
    public PmiTable Table { get; }

    /// <summary>The span geometry (from the table's k).</summary>
    public SpanGeometry Geometry { get; }

    /// <summary>How ranks are looked up (compat switch).</summary>
    public RankLookup RankLookup { get; }

    /// <summary>How [UNK] ranks (compat switch).</summary>
    public UnknownKmerRank UnknownKmerRank { get; }

    private protected RankSource Ranks { get; }

    /// <inheritdoc />
    public abstract int SelectPositions(in MaskingBatch batch, double probability, ref SeededRandom random, Span<bool> selected);
}
