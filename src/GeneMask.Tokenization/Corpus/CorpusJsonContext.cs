using System.Text.Json.Serialization;

namespace GeneMask.Tokenization;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PretrainingCorpusReport))]
internal sealed partial class CorpusJsonContext : JsonSerializerContext;
