namespace GeneMask.Reproduction.Comparison;

/// <summary>One arm of the evidence.</summary>
public sealed record ArmEvidence
{
    /// <summary>The arm's name (<c>none</c> is the no-pretraining control).</summary>
    public required string Name { get; init; }

    /// <summary>Pretraining steps (0 for <c>none</c>).</summary>
    public long PretrainingSteps { get; init; }

    /// <summary>Wall time of the arm's pretraining in seconds.</summary>
    public double PretrainingSeconds { get; init; }

    /// <summary>CM-GEMS's switch step (null for other arms or when it did not switch).</summary>
    public long? SwitchStep { get; init; }

    /// <summary>M1: validation loss per fixed masking (nats per predicted token).</summary>
    public required IReadOnlyDictionary<string, double> M1Loss { get; init; }

    /// <summary>The k-mer-span validation-loss curve.</summary>
    public required IReadOnlyList<CurvePoint> Curve { get; init; }

    /// <summary>M2: probe accuracy per task.</summary>
    public required IReadOnlyDictionary<string, double> M2Accuracy { get; init; }

    /// <summary>M3: mean few-shot accuracy over seeds with its 95 % t-interval.</summary>
    public required MeanInterval M3 { get; init; }

    /// <summary>M3: accuracy per seed.</summary>
    public required IReadOnlyList<double> M3PerSeed { get; init; }
}
