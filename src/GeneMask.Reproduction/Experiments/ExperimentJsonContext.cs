using System.Text.Json.Serialization;

namespace GeneMask.Reproduction.Experiments;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StoredFiles))]
internal sealed partial class ExperimentJsonContext : JsonSerializerContext;
