using GeneMask.Masking;
using GeneMask.Models.TorchSharp;

namespace GeneMask.Reproduction.Sweep;

/// <summary>
/// What a <see cref="PretrainingSweep"/> runs: the configurations and how their curves are measured. Start from
/// <see cref="Default"/> (the exploration behind the main job's configuration) or <see cref="Tiny"/> (seconds; tests).
/// </summary>
public sealed record PretrainingSweepOptions
{
    /// <summary>The configurations, run in this order (over the workers).</summary>
    public required IReadOnlyList<SweepConfiguration> Configurations { get; init; }

    /// <summary>Steps between curve points.</summary>
    public int CurveInterval { get; init; } = 250;

    /// <summary>Validation rows of the curve's fixed k-mer-span masks.</summary>
    public int CurveRows { get; init; } = 200;

    /// <summary>Seed of the curve's masks.</summary>
    public ulong ValidationMaskSeed { get; init; } = 20_240_101;

    /// <summary>The gap a curve must reach to pass (the comparison's context gate).</summary>
    public double GateMargin { get; init; } = ContextGate.DefaultMargin;

    /// <summary>Numeric format of pretraining.</summary>
    public ModelPrecision Precision { get; init; } = TorchDevices.RecommendedPrecision("cpu");

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>; every CPU job computes with one torch thread.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Seed of the corpus split, the initial weights, the row order and the masks (the same for every configuration).</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Configurations run at once, each on one torch thread; 0 = one per CPU core.</summary>
    public int Workers { get; init; }

    private static BertConfig Small(int hidden, int layers, int heads, int intermediate) =>
        BertConfig.LogoOriginal with { HiddenSize = hidden, LayerCount = layers, HeadCount = heads, IntermediateSize = intermediate, MaxPositions = 128 };

    /// <summary>
    /// Eleven configurations around the main job's (docs/evidence.md): steps, peak learning rate and warm-up, batch rows,
    /// width and depth, and row length, each 6,000 steps of k-mer-span masks.
    /// </summary>
    public static PretrainingSweepOptions Default { get; } = new()
    {
        Configurations =
        [
            new("w128-d2-r72-b32-lr2e-3", Small(128, 2, 4, 512), 72, 32, 2e-3, 0.05, 6_000),
            new("w128-d2-r72-b32-lr1e-3", Small(128, 2, 4, 512), 72, 32, 1e-3, 0.05, 6_000),
            new("w128-d2-r72-b32-lr2e-3-warm20", Small(128, 2, 4, 512), 72, 32, 2e-3, 0.20, 6_000),
            new("w128-d2-r72-b16-lr2e-3", Small(128, 2, 4, 512), 72, 16, 2e-3, 0.05, 6_000),
            new("w128-d2-r72-b64-lr2e-3", Small(128, 2, 4, 512), 72, 64, 2e-3, 0.05, 4_000),
            new("w128-d1-r72-b32-lr2e-3", Small(128, 1, 4, 512), 72, 32, 2e-3, 0.05, 6_000),
            new("w256-d2-r72-b32-lr1e-3", Small(256, 2, 8, 1024), 72, 32, 1e-3, 0.05, 6_000),
            new("w256-d1-r72-b32-lr1e-3", Small(256, 1, 8, 1024), 72, 32, 1e-3, 0.05, 6_000),
            new("w128-d2-r96-b32-lr2e-3", Small(128, 2, 4, 512), 96, 32, 2e-3, 0.05, 6_000),
            new("w128-d2-r126-b16-lr2e-3", Small(128, 2, 4, 512), 126, 16, 2e-3, 0.05, 6_000),
            new("w256-d2-r126-b16-lr1e-3", Small(256, 2, 8, 1024), 126, 16, 1e-3, 0.05, 6_000),
        ],
    };

    /// <summary>Two one-layer, hidden-32 configurations of 20 steps on two row lengths: the whole sweep in seconds.</summary>
    public static PretrainingSweepOptions Tiny { get; } = new()
    {
        Configurations =
        [
            new("tiny-r60", new BertConfig(BertConfig.DnaBertVocabularySize, 32, 1, 2, 64, 0.0, 0.0, MaxPositions: 72), 60, 8, 1e-3, 0.05, 20),
            new("tiny-r40", new BertConfig(BertConfig.DnaBertVocabularySize, 32, 1, 2, 64, 0.0, 0.0, MaxPositions: 72), 40, 8, 1e-3, 0.05, 20),
        ],
        CurveInterval = 10,
        CurveRows = 32,
    };
}
