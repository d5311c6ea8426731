using Microsoft.Extensions.Options;

namespace GeneMask.Masking;

/// <summary>The DataAnnotations rules of <see cref="MaskingOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class MaskingOptionsAnnotationsValidator : IValidateOptions<MaskingOptions>;
