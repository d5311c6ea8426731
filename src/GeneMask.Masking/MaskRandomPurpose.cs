namespace GeneMask.Masking;

/// <summary>The independent random streams of a batch (see <see cref="MaskRandom.ForBatch"/>).</summary>
public enum MaskRandomPurpose
{
    /// <summary>The choice of positions to predict (the strategy).</summary>
    Positions = 1,

    /// <summary>The 80/10/10 replacement of the chosen positions.</summary>
    Replacement = 2,

    /// <summary>Random choices of a curriculum (e.g. CM-Step's strategy draw per batch).</summary>
    Curriculum = 3,
}
