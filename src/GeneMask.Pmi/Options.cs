using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace GeneMask.Pmi;

/// <summary>How n-grams are counted (<see cref="GenomeCounter"/>).</summary>
public sealed class NgramCountingOptions
{
    /// <summary>The longest n-gram counted, 1…<see cref="NgramCounts.MaxK"/>; PMI of k-mers needs K ≥ k. Default 6.</summary>
    [Range(1, NgramCounts.MaxK)]
    public int K { get; set; } = 6;

    /// <summary>Count the reverse strand too (each n-gram plus its reverse complement). Default off, as upstream.</summary>
    public bool BothStrands { get; set; }

    /// <summary>Worker threads; results are identical for any value. Default: the number of processors.</summary>
    [Range(1, 1024)]
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Bases per work item: long records are cut into chunks of this size (with K − 1 bases of overlap, so no window
    /// is lost or counted twice). Default 4 MiB.
    /// </summary>
    [Range(1024, 1 << 30)]
    public int ChunkSize { get; set; } = 1 << 22;
}

/// <summary>How PMI, normalised PMI and the ranking are computed from counts (<see cref="PmiTable.Compute"/>).</summary>
public sealed class PmiOptions
{
    /// <summary>The default minimum count c of GeneMask.</summary>
    public const int DefaultMinCount = 101;

    /// <summary>The k-mer length ranked, 2…<see cref="NgramCounts.MaxK"/>. Default 6.</summary>
    [Range(2, NgramCounts.MaxK)]
    public int K { get; set; } = 6;

    /// <summary>
    /// Minimum count c: k-mers seen fewer times get no normalised PMI and rank after all others; c also enters
    /// <c>NPMI = PMI · ln f / (ln c + ln f)</c>. At least 1. Default 101.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MinCount { get; set; } = DefaultMinCount;

    /// <summary>Which PMI is ranked: the paper's (default) or the published GeneMask recipe.</summary>
    [EnumDataType(typeof(PmiDefinition))]
    public PmiDefinition Definition { get; set; } = PmiDefinition.Paper;
}

/// <summary>Validates <see cref="NgramCountingOptions"/>, naming the offending value.</summary>
internal sealed class NgramCountingOptionsValidator : IValidateOptions<NgramCountingOptions>
{
    public ValidateOptionsResult Validate(string? name, NgramCountingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.K is < 1 or > NgramCounts.MaxK)
        {
            failures.Add($"NgramCountingOptions.K = {options.K}: must be between 1 and {NgramCounts.MaxK}.");
        }

        if (options.MaxDegreeOfParallelism is < 1 or > 1024)
        {
            failures.Add($"NgramCountingOptions.MaxDegreeOfParallelism = {options.MaxDegreeOfParallelism}: must be between 1 and 1024.");
        }

        if (options.ChunkSize is < 1024 or > 1 << 30)
        {
            failures.Add($"NgramCountingOptions.ChunkSize = {options.ChunkSize}: must be between 1024 and 2^30 bases.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Validates <see cref="PmiOptions"/>, naming the offending value.</summary>
internal sealed class PmiOptionsValidator : IValidateOptions<PmiOptions>
{
    public ValidateOptionsResult Validate(string? name, PmiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.K is < 2 or > NgramCounts.MaxK)
        {
            failures.Add($"PmiOptions.K = {options.K}: must be between 2 (PMI needs at least two parts) and {NgramCounts.MaxK}.");
        }

        if (options.MinCount < 1)
        {
            failures.Add($"PmiOptions.MinCount = {options.MinCount}: the minimum count c must be at least 1.");
        }

        if (!Enum.IsDefined(options.Definition))
        {
            failures.Add($"PmiOptions.Definition = {(int)options.Definition}: not a PmiDefinition.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Runs a validator outside dependency injection and throws with every failure in the message.</summary>
internal static class OptionsCheck
{
    public static T Validated<T>(T options, IValidateOptions<T> validator)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures);
        }

        return options;
    }

    public static NgramCountingOptions Validated(NgramCountingOptions options) => Validated(options, new NgramCountingOptionsValidator());

    public static PmiOptions Validated(PmiOptions options) => Validated(options, new PmiOptionsValidator());
}
