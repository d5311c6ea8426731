namespace GeneMask.Models.TorchSharp.Probing;

/// <summary>The fixed schedule of <see cref="LogisticRegressionProbe"/>: nothing in it is tuned on test data.</summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>Weight of the L2 penalty ½·λ·‖W‖² (bias excluded) added to the mean cross-entropy. Default 1e-2.</summary>
    public double L2 { get; init; } = 1e-2;

    /// <summary>Full-batch Adam iterations. Default 300.</summary>
    public int Iterations { get; init; } = 300;

    /// <summary>Adam learning rate. Default 0.05.</summary>
    public double LearningRate { get; init; } = 0.05;
}
