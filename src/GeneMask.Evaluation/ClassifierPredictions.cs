namespace GeneMask.Evaluation;

/// <summary>Predictions for the test examples of a <see cref="FineTuneJob"/>, in their order.</summary>
/// <param name="PredictedLabels">The predicted class of each test example.</param>
/// <param name="Probabilities">Row-major class probabilities, test count × class count.</param>
public sealed record ClassifierPredictions(int[] PredictedLabels, float[] Probabilities);
