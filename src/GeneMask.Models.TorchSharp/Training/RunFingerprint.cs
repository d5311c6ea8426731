using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using GeneMask.Masking;
using GeneMask.Pmi;
using GeneMask.Tokenization;

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>
/// The identity of a pretraining run: every setting that determines its result, as named parts (<c>steps</c>,
/// <c>lr</c>, <c>seed</c>, <c>model</c>, <c>curriculum</c>, <c>corpus.train</c>, …, plus the caller's
/// <see cref="PretrainingOptions.RunIdentity"/>). A checkpoint stores it; a resume continues only a checkpoint with the
/// same fingerprint, and <see cref="Compare"/> names what differs otherwise.
/// </summary>
/// <remarks>
/// Part of it: the training options (steps, batch, accumulation, learning-rate schedule, AdamW settings, clipping,
/// block length, evaluation interval and rows, seeds, precision), the model configuration, the curriculum's name and
/// evaluation interval, the 80/10/10 settings, and the XxHash128 of the training and validation token files. Not part:
/// the device, the checkpoint interval, prefetching and the output folder, which do not change the result.
/// </remarks>
public sealed class RunFingerprint
{
    private readonly SortedDictionary<string, string> _parts;

    private RunFingerprint(SortedDictionary<string, string> parts) => _parts = parts;

    /// <summary>The named parts.</summary>
    public IReadOnlyDictionary<string, string> Parts => _parts;

    /// <summary>Reads the text form written by <see cref="ToString"/> (<c>name=value;name=value…</c>).</summary>
    public static RunFingerprint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parts[item[..equals]] = item[(equals + 1)..];
            }
            else
            {
                parts[item] = string.Empty;
            }
        }

        return new RunFingerprint(parts);
    }

    /// <summary>The fingerprint of a run with these settings and data.</summary>
    /// <param name="options">The training options (their <see cref="PretrainingOptions.RunIdentity"/> included).</param>
    /// <param name="evaluationInterval">The evaluation interval in effect (the option's, or the curriculum's).</param>
    /// <param name="config">The model configuration.</param>
    /// <param name="curriculum">The curriculum.</param>
    /// <param name="collator">The 80/10/10 settings in effect.</param>
    /// <param name="train">The training corpus (its file is hashed).</param>
    /// <param name="validation">The validation corpus (its file is hashed).</param>
    public static RunFingerprint Create(
        PretrainingOptions options,
        long evaluationInterval,
        BertConfig config,
        ICurriculumScheduler curriculum,
        MlmCollatorOptions collator,
        TokenCorpus train,
        TokenCorpus validation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(curriculum);
        ArgumentNullException.ThrowIfNull(collator);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        var inv = CultureInfo.InvariantCulture;
        var fingerprint = Parse(options.Fingerprint());
        var parts = fingerprint._parts;
        parts["eval"] = evaluationInterval.ToString(inv);
        parts["model"] = Clean(config.ToString());
        parts["curriculum"] = Clean(curriculum.Name);
        parts["curriculum.eval"] = curriculum.EvaluationInterval?.ToString(inv) ?? "none";
        parts["collator"] = Clean(string.Create(inv, $"mask {collator.MaskTokenProbability:R} random {collator.RandomTokenProbability:R} {collator.RandomReplacement} {collator.Padding} pad {collator.PadToMultipleOf}"));
        parts["corpus.k"] = train.K.ToString(inv);
        parts["corpus.train"] = CorpusManifest.HashFile(train.Path);
        parts["corpus.validation"] = CorpusManifest.HashFile(validation.Path);
        foreach (var (name, value) in options.RunIdentity)
        {
            parts[Clean(name).Replace('=', '-')] = Clean(value);
        }

        return fingerprint;
    }

    /// <summary>The XxHash128 (hex) of a PMI table's ranking, the part of it that masking uses.</summary>
    public static string HashOf(PmiTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return string.Create(CultureInfo.InvariantCulture, $"k{table.K}-{Convert.ToHexStringLower(XxHash128.Hash(MemoryMarshal.AsBytes(table.RanksByTokenId)))}");
    }

    /// <summary>The parts that differ between this (earlier) fingerprint and <paramref name="current"/>, by name.</summary>
    public IReadOnlyList<RunDifference> Compare(RunFingerprint current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var differences = new List<RunDifference>();
        foreach (var name in _parts.Keys.Union(current._parts.Keys).Order(StringComparer.Ordinal))
        {
            var before = _parts.GetValueOrDefault(name);
            var now = current._parts.GetValueOrDefault(name);
            if (!string.Equals(before, now, StringComparison.Ordinal))
            {
                differences.Add(new RunDifference(name, before, now));
            }
        }

        return differences;
    }

    /// <summary>The text form: <c>name=value</c> parts joined by <c>;</c>, sorted by name.</summary>
    public override string ToString() => string.Join(';', _parts.Select(p => p.Key + "=" + p.Value));

    private static string Clean(string value) => value.Replace(';', ',');
}
