using Microsoft.Extensions.Options;

namespace GeneMask.Models.TorchSharp.Training;

/// <summary>Options checked when a trainer is built, so a bad value fails before any tensor is made.</summary>
internal static class ValidatedOptions
{
    /// <summary>The options' value, or an <see cref="OptionsValidationException"/> listing every failure.</summary>
    public static T Get<T>(IOptions<T> options, IValidateOptions<T> validator)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        var result = validator.Validate(null, value);
        if (result.Failed)
        {
            throw new OptionsValidationException(typeof(T).Name, typeof(T), result.Failures);
        }

        return value;
    }
}
