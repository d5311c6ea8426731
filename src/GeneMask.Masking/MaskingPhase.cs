namespace GeneMask.Masking;

/// <summary>
/// What a curriculum asks for one batch: a strategy and the masking probability to run it with, under a phase name
/// (a change of name is a phase change).
/// </summary>
/// <param name="Name">The phase's name, e.g. <c>genemask</c>, <c>global</c>, <c>block 37/100</c>.</param>
/// <param name="Strategy">The strategy that chooses the positions to predict.</param>
/// <param name="Probability">The masking probability passed to the strategy.</param>
public readonly record struct MaskingPhase(string Name, IMaskingStrategy Strategy, double Probability)
{
    /// <summary>A phase named after the strategy, at the strategy's default probability.</summary>
    public static MaskingPhase Of(IMaskingStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new MaskingPhase(strategy.Name, strategy, strategy.DefaultProbability);
    }

    /// <summary>A phase named after the strategy, at the given probability.</summary>
    public static MaskingPhase Of(IMaskingStrategy strategy, double probability)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new MaskingPhase(strategy.Name, strategy, probability);
    }

    /// <summary>Whether the phase is set (a default value has no strategy).</summary>
    public bool IsSet => Strategy is not null;
}
