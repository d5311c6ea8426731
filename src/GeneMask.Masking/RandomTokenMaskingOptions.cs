namespace GeneMask.Masking;

/// <summary>Options of <see cref="RandomTokenMasking"/> (BERT).</summary>
public sealed class RandomTokenMaskingOptions
{
    /// <summary>BERT's probability, 0.15.</summary>
    public const double DefaultProbability = 0.15;

    /// <summary>Probability that each maskable token is predicted. Default 0.15.</summary>
    public double Probability { get; set; } = DefaultProbability;
}
