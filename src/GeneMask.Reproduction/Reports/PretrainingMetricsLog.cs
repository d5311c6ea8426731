using System.Globalization;
using System.Text.Json;
using GeneMask.Tokenization;

namespace GeneMask.Reproduction.Reports;

/// <summary>
/// Reads the JSON-lines metrics log of a pretraining run. Field names are matched case-insensitively, in camelCase or
/// snake_case: <c>step</c>, <c>loss</c>, <c>lr</c>/<c>learning_rate</c>, <c>strategy</c>,
/// <c>masking_probability</c>/<c>mlm_probability</c>, <c>tokens_per_second</c>, <c>perplexity</c>,
/// <c>phase_changed_to</c>. Unknown fields are ignored; <c>"NaN"</c>/<c>"Infinity"</c> strings are read as numbers.
/// </summary>
public static class PretrainingMetricsLog
{
    private static readonly string[] StepNames = ["step"];
    private static readonly string[] LossNames = ["loss", "trainLoss"];
    private static readonly string[] LearningRateNames = ["lr", "learningRate"];
    private static readonly string[] StrategyNames = ["strategy"];
    private static readonly string[] MaskingNames = ["maskingProbability", "mlmProbability"];
    private static readonly string[] ThroughputNames = ["tokensPerSecond", "tokensPerSec"];
    private static readonly string[] PerplexityNames = ["perplexity", "validationPerplexity", "evalPerplexity"];
    private static readonly string[] PhaseChangeNames = ["phaseChangedTo"];

    /// <summary>
    /// The switch step of a run: the trainer writes <c>phase_changed_to</c> on the first step masked with the new phase,
    /// so the switch — the step whose evaluation decided it, <c>PhaseChange.Step</c> — is the step before. Null when no
    /// line has it.
    /// </summary>
    public static long? SwitchStep(IEnumerable<PretrainingMetric> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics.Where(m => m.PhaseChangedTo is not null).OrderBy(m => m.Step).FirstOrDefault() is { } line ? line.Step - 1 : null;
    }

    /// <summary>Reads a metrics file.</summary>
    /// <exception cref="FormatException">A line is not a JSON object with a step and a loss or perplexity (file and line named).</exception>
    public static IReadOnlyList<PretrainingMetric> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads metrics text; <paramref name="sourceName"/> names the source in error messages.</summary>
    public static IReadOnlyList<PretrainingMetric> Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new List<PretrainingMetric>();
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("expected a JSON object");
                }

                var step = Number(root, StepNames) ?? throw new FormatException("no 'step'");
                var loss = Number(root, LossNames);
                var perplexity = Number(root, PerplexityNames);
                if (loss is null && perplexity is null)
                {
                    throw new FormatException("neither 'loss' nor 'perplexity'");
                }

                result.Add(new PretrainingMetric(
                    checked((long)step), loss, Number(root, LearningRateNames), Text(root, StrategyNames),
                    Number(root, MaskingNames), Number(root, ThroughputNames), perplexity, Text(root, PhaseChangeNames)));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException)
            {
                throw new GeneMaskFormatException(sourceName, lineNumber, e.Message, e);
            }
        }

        return result;
    }

    private static JsonElement? Find(JsonElement root, string[] names)
    {
        foreach (var property in root.EnumerateObject())
        {
            var normalised = property.Name.Replace("_", string.Empty, StringComparison.Ordinal);
            foreach (var name in names)
            {
                if (string.Equals(normalised, name, StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value;
                }
            }
        }

        return null;
    }

    private static double? Number(JsonElement root, string[] names)
    {
        if (Find(root, names) is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),

            // Python's json writes NaN/Infinity as bare words; some writers quote numbers.
            JsonValueKind.String => double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw new FormatException($"'{names[0]}' is not a number"),
        };
    }

    private static string? Text(JsonElement root, string[] names) =>
        Find(root, names) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
