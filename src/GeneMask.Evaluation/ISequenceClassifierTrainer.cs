namespace GeneMask.Evaluation;

/// <summary>
/// Fine-tunes a classifier and predicts a test set. GeneMask.Models.TorchSharp implements it for its models; this
/// package only needs the predictions, so it stays free of any deep-learning framework.
/// </summary>
public interface ISequenceClassifierTrainer
{
    /// <summary>Runs one job; the same job (seed included) gives the same predictions.</summary>
    ClassifierPredictions FineTuneAndPredict(FineTuneJob job, CancellationToken cancellationToken = default);
}
