using System.Text.Json.Serialization;

namespace GeneMask.Reproduction.Comparison;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ComparisonEvidence))]
[JsonSerializable(typeof(ArmPretraining))]
[JsonSerializable(typeof(FrozenResult))]
[JsonSerializable(typeof(BaselineResult))]
[JsonSerializable(typeof(List<ComparisonInvocation>))]
internal sealed partial class ComparisonJsonContext : JsonSerializerContext;
