namespace GeneMask.Masking;

/// <summary>Options of <see cref="CmStepCurriculum"/>.</summary>
public sealed class CmStepCurriculumOptions
{
    /// <summary>Number of equal blocks the run is cut into. Default 100.</summary>
    public int Blocks { get; set; } = 100;

    /// <summary>Seed of the per-batch strategy draw (combined with the batch index). Default 0.</summary>
    public ulong Seed { get; set; }
}
