using Microsoft.Extensions.Options;

namespace GeneMask.Infrastructure;

/// <summary>
/// The one way GeneMask validates options: every options type has an <see cref="IValidateOptions{TOptions}"/> whose
/// messages name the field and the offending value. Dependency injection runs it on start (<c>ValidateOnStart</c>);
/// a component built without it runs the same validator through <see cref="Validated{TOptions}"/>, so both fail
/// the same way, with an <see cref="OptionsValidationException"/> listing every failure.
/// </summary>
public static class OptionsValidation
{
    /// <summary>Returns <paramref name="options"/> when <paramref name="validator"/> accepts them.</summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="validator">The options type's validator.</param>
    /// <param name="options">The options to check.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; <see cref="OptionsValidationException.Failures"/> lists every failure.</exception>
    public static TOptions Validated<TOptions>(this IValidateOptions<TOptions> validator, TOptions options)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(options);
        var result = validator.Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures) : options;
    }

    /// <summary>The result of a validation that collected <paramref name="failures"/> (none: success).</summary>
    /// <param name="failures">Every failure, each naming the field and its value.</param>
    public static ValidateOptionsResult Result(IReadOnlyCollection<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
