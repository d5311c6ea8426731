namespace GeneMask.Masking;

internal static class CurriculumValidation
{
    public static List<string> Check(CmGemsCurriculumOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!(options.Threshold >= 0) || double.IsInfinity(options.Threshold))
        {
            failures.Add($"{prefix}.{nameof(options.Threshold)} must be a finite perplexity change ≥ 0, but is {options.Threshold}.");
        }

        MaskingValidation.Defined(failures, prefix, nameof(options.Rule), options.Rule);
        if (options.EvaluationInterval < 1)
        {
            failures.Add($"{prefix}.{nameof(options.EvaluationInterval)} must be at least 1 step, but is {options.EvaluationInterval}.");
        }

        return failures;
    }

    public static List<string> Check(CmStepCurriculumOptions options, string prefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Blocks < 1)
        {
            failures.Add($"{prefix}.{nameof(options.Blocks)} must be at least 1, but is {options.Blocks}.");
        }

        return failures;
    }
}
