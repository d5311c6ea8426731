using System.Text.Json;

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>The metrics file's JSON settings: snake_case names, nulls left out, NaN and infinities as named literals.</summary>
internal static class MetricsJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
