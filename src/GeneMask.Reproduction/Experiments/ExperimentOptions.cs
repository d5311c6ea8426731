using GeneMask.Models.TorchSharp;

namespace GeneMask.Reproduction.Experiments;

/// <summary>
/// The settings every experiment shares, under one name each: the model, the corpus rows, the pretraining schedule,
/// the validation evaluations during pretraining, the numeric format, the device, the seed and the few-shot seeds.
/// <see cref="Comparison.MaskingComparisonOptions"/> (the comparison of masking strategies) and
/// <see cref="ReproductionOptions"/> (the paper's tables) add their own.
/// </summary>
public abstract record ExperimentOptions
{
    /// <summary>The architecture pretrained (and fine-tuned).</summary>
    public required BertConfig Model { get; init; }

    /// <summary>Bases per corpus row, at most: 126 bases are 121 6-mers, 123 positions with [CLS]/[SEP] (the paper: 510).</summary>
    public required int ChunkBases { get; init; }

    /// <summary>Optimizer steps of every pretraining.</summary>
    public required long PretrainingSteps { get; init; }

    /// <summary>Rows per micro-batch of pretraining.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Peak learning rate of pretraining (linear warm-up, then linear decay to 0).</summary>
    public required double LearningRate { get; init; }

    /// <summary>Steps between validation evaluations during pretraining (CM-GEMS decides its switch on them).</summary>
    public required int EvaluationInterval { get; init; }

    /// <summary>Validation rows of each such evaluation (0: the whole validation split).</summary>
    public required int EvaluationRows { get; init; }

    /// <summary>Numeric format of pretraining and fine-tuning.</summary>
    public ModelPrecision Precision { get; init; } = ModelPrecision.Fp32;

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>. On the CPU every job computes with one torch thread, so results do not depend on the machine's cores.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Seed of the corpus split, the initial weights, the data order and the masks.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Few-shot seeds: seed s draws the same training set and initialises the same head for every model.</summary>
    public required int Seeds { get; init; }
}
