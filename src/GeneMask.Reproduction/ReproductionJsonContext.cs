using System.Text.Json.Serialization;

namespace GeneMask.Reproduction;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PretrainingDone))]
internal sealed partial class ReproductionJsonContext : JsonSerializerContext;
