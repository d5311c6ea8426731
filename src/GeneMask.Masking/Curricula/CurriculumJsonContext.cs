using System.Text.Json.Serialization;

namespace GeneMask.Masking;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CurriculumState))]
internal sealed partial class CurriculumJsonContext : JsonSerializerContext;
