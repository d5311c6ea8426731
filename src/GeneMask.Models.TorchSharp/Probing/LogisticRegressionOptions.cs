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

    /// <summary>Checks the values; the message names the offending one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public LogisticRegressionOptions Validated()
    {
        if (!(L2 >= 0) || double.IsInfinity(L2))
        {
            throw new ArgumentOutOfRangeException(nameof(L2), L2, "LogisticRegressionOptions.L2 must be finite and ≥ 0.");
        }

        if (Iterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "LogisticRegressionOptions.Iterations must be at least 1.");
        }

        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LogisticRegressionOptions.LearningRate must be finite and positive.");
        }

        return this;
    }
}
