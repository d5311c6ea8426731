namespace GeneMask.Evaluation;

/// <summary>Hyperparameters of one fine-tuning run.</summary>
/// <param name="LearningRate">Peak learning rate (AdamW).</param>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="BatchSize">Examples per optimizer step.</param>
/// <param name="WarmupRatio">Fraction of the steps with linear warm-up.</param>
/// <param name="WeightDecay">AdamW weight decay (not applied to biases and LayerNorm).</param>
/// <param name="MaxLength">Maximum input length in tokens ([CLS] and [SEP] included).</param>
public sealed record FineTuneSettings(
    double LearningRate,
    int Epochs,
    int BatchSize,
    double WarmupRatio = 0.1,
    double WeightDecay = 0.01,
    int MaxLength = 512)
{
    /// <summary>
    /// The paper's few-shot settings for 10/50/100 examples per class (CM-GEMS, Appendix B.2): lr 4e-4, 20 epochs,
    /// batch 5, warm-up 10 %, weight decay 0.01, hidden dropout 0.1.
    /// </summary>
    public static FineTuneSettings FewShotSmall { get; } = new(4e-4, 20, 5) { HiddenDropout = 0.1 };

    /// <summary>The upstream GeneMask scripts' few-shot settings for 10/50/100 examples per class: as <see cref="FewShotSmall"/> but lr 1e-4.</summary>
    public static FineTuneSettings FewShotSmallUpstream { get; } = FewShotSmall with { LearningRate = 1e-4 };

    /// <summary>The paper's few-shot settings for 500/1000 examples per class: lr 5e-5, 5 epochs, batch 15, hidden dropout 0.1.</summary>
    public static FineTuneSettings FewShotLarge { get; } = new(5e-5, 5, 15) { HiddenDropout = 0.1 };

    /// <summary>
    /// Warm-up as a number of optimizer steps; when set it replaces <see cref="WarmupRatio"/> (the GUE script warms up for
    /// 50 steps, 30 for the mouse and TF tasks). Null: use the ratio.
    /// </summary>
    public int? WarmupSteps { get; init; }

    /// <summary>Micro-batches of <see cref="BatchSize"/> per optimizer step (effective batch = product). Default 1.</summary>
    public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary>
    /// Evaluate on dev every this many optimizer steps and keep the best (lowest dev loss) weights, as the Hugging Face
    /// trainer of the GUE script does (<c>eval_steps</c>, <c>load_best_model_at_end</c>). Null: once per epoch.
    /// </summary>
    public int? EvaluationSteps { get; init; }

    /// <summary>Stop after this many optimizer steps even if epochs remain (the GUE script's <c>max_steps 1000</c> for mouse). Null: no cap.</summary>
    public long? MaxSteps { get; init; }

    /// <summary>Dropout after the embeddings and in every layer while fine-tuning; null keeps the pretrained model's (LOGO pretrains with 0).</summary>
    public double? HiddenDropout { get; init; }

    /// <summary>Examples per optimizer step: <see cref="BatchSize"/> × <see cref="GradientAccumulationSteps"/>.</summary>
    public int EffectiveBatchSize => BatchSize * GradientAccumulationSteps;

    /// <summary>The few-shot settings of the paper for <paramref name="shotsPerClass"/> examples per class: ≤ 100 → <see cref="FewShotSmall"/>, otherwise <see cref="FewShotLarge"/>.</summary>
    public static FineTuneSettings ForFewShot(int shotsPerClass)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shotsPerClass, 1);
        return shotsPerClass <= 100 ? FewShotSmall : FewShotLarge;
    }

    /// <summary>
    /// The GUE settings of the DNABERT-2 script (DNABERT-1 variant, <c>finetune/scripts/run_dnabert1.sh</c>): lr 3e-5,
    /// batch 8 per device, warm-up in steps, the task's epochs and maximum length, evaluation on dev every
    /// <paramref name="evaluationSteps"/> steps keeping the best checkpoint by dev loss.
    /// </summary>
    public static FineTuneSettings Gue(int epochs, int maxLength, int warmupSteps = 50, int evaluationSteps = 200, int accumulation = 1, long? maxSteps = null) =>
        new(3e-5, epochs, 8, WarmupRatio: 0, MaxLength: maxLength)
        {
            WarmupSteps = warmupSteps,
            EvaluationSteps = evaluationSteps,
            GradientAccumulationSteps = accumulation,
            MaxSteps = maxSteps,
        };
}
