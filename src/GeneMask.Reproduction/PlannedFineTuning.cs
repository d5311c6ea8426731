using GeneMask.Evaluation;

namespace GeneMask.Reproduction;

/// <summary>Few-shot fine-tuning hyper-parameters of a plan (the input length is each task's, <see cref="PlannedFewShotTask.MaxLength"/>).</summary>
/// <param name="LearningRate">Peak learning rate.</param>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="BatchSize">Examples per optimizer step.</param>
/// <param name="WarmupRatio">Fraction of the steps with linear warm-up.</param>
/// <param name="WeightDecay">AdamW weight decay.</param>
/// <param name="HiddenDropout">Dropout while fine-tuning (null: the pretrained model's).</param>
internal sealed record PlannedFineTuning(double LearningRate, int Epochs, int BatchSize, double WarmupRatio, double WeightDecay, double? HiddenDropout)
{
    public static PlannedFineTuning Of(FineTuneSettings s) => new(s.LearningRate, s.Epochs, s.BatchSize, s.WarmupRatio, s.WeightDecay, s.HiddenDropout);
}
