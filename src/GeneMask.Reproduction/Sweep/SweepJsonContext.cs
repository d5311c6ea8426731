using System.Text.Json.Serialization;

namespace GeneMask.Reproduction.Sweep;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SweepRun))]
[JsonSerializable(typeof(List<SweepRun>))]
internal sealed partial class SweepJsonContext : JsonSerializerContext;
