using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace GeneMask.Samples;

/// <summary>Checks of option values that run while the command line is parsed, before any work starts.</summary>
public static class SampleOptions
{
    /// <summary>The largest accepted <c>--steps</c>: far beyond any real run, small enough for every interval derived from it.</summary>
    public const long MaxSteps = 1_000_000_000;

    /// <summary>Accepts only values in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<T> InRange<T>(this Option<T> option, T min, T max)
        where T : struct, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out T value) && (T.IsNaN(value) || value < min || value > max))
            {
                result.AddError(Message(option.Name, value, min, max));
            }
        });
        return option;
    }

    /// <summary>Accepts only values in [<paramref name="min"/>, <paramref name="max"/>] (or no value).</summary>
    public static Option<T?> InRange<T>(this Option<T?> option, T min, T max)
        where T : struct, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out T? given) && given is { } value && (T.IsNaN(value) || value < min || value > max))
            {
                result.AddError(Message(option.Name, value, min, max));
            }
        });
        return option;
    }

    /// <summary>Accepts only lists whose every value is in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<T[]> EachInRange<T>(this Option<T[]> option, T min, T max)
        where T : struct, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            foreach (var value in TryGetValue(result, out T[]? values) ? values ?? [] : [])
            {
                if (T.IsNaN(value) || value < min || value > max)
                {
                    result.AddError(Message(option.Name, value, min, max));
                    return;
                }
            }
        });
        return option;
    }

    /// <summary>Accepts only the names of <typeparamref name="T"/>'s values (the parser alone also takes any number).</summary>
    public static Option<T?> NamedValue<T>(this Option<T?> option)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result => CheckNames<T>(option.Name, result));
        return option;
    }

    /// <inheritdoc cref="NamedValue{T}(Option{T?})"/>
    public static Option<T> NamedValue<T>(this Option<T> option)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result => CheckNames<T>(option.Name, result));
        return option;
    }

    /// <summary>Accepts a device name (<c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>); whether it is available is checked by <see cref="CheckDevice"/>.</summary>
    public static Option<string> DeviceName(this Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && !IsDeviceName(value))
            {
                result.AddError($"{option.Name} must be cpu, cuda or cuda:N; got '{value}'.");
            }
        });
        return option;
    }

    /// <summary>
    /// Accepts only names <paramref name="lookUp"/> knows: a name it throws <see cref="ArgumentException"/> for is a parse
    /// error with the exception's message (which lists the known names).
    /// </summary>
    public static Option<T> AcceptNames<T>(this Option<T> option, Action<string> lookUp)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(lookUp);
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                try
                {
                    lookUp(token.Value);
                }
                catch (ArgumentException e)
                {
                    result.AddError($"{option.Name}: {e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal)}");
                    return;
                }
            }
        });
        return option;
    }

    /// <summary>Refuses an output path that is an existing file.</summary>
    public static Option<T> OutputFolder<T>(this Option<T> option)
        where T : FileSystemInfo
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (File.Exists(token.Value))
                {
                    result.AddError($"{option.Name}: '{token.Value}' is a file; expected a folder.");
                }
            }
        });
        return option;
    }

    /// <summary>
    /// The value of an option, for a validator: false when the value did not parse. The parser has then recorded that
    /// error ("cannot parse") before it threw, so the validator has nothing to add.
    /// </summary>
    public static bool TryGetValue<T>(OptionResult result, out T value)
    {
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    /// <summary>The value of <paramref name="option"/> for a command's validator: false when it did not parse (see the other overload).</summary>
    public static bool TryGetValue<T>(CommandResult result, Option<T> option, out T value)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(option);
        if (result.GetResult(option) is { } optionResult)
        {
            return TryGetValue(optionResult, out value);
        }

        value = result.GetValue(option)!;
        return true;
    }

    /// <summary>Checks that the device can be used (CUDA present), before any work starts.</summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for but is not available.</exception>
    public static void CheckDevice(string? device) => Models.TorchSharp.TorchDevices.Resolve(device);

    private static void CheckNames<T>(string name, OptionResult result)
        where T : struct, Enum
    {
        foreach (var token in result.Tokens.Where(t => !Enum.GetNames<T>().Contains(t.Value, StringComparer.OrdinalIgnoreCase)))
        {
            result.AddError($"{name}: '{token.Value}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
        }
    }

    private static bool IsDeviceName(string value) =>
        value.Equals("cpu", StringComparison.OrdinalIgnoreCase)
        || value.Equals("cuda", StringComparison.OrdinalIgnoreCase)
        || (value.StartsWith("cuda:", StringComparison.OrdinalIgnoreCase) && int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out _));

    private static string Message<T>(string name, T value, T min, T max)
        where T : INumber<T> =>
        string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max}; got {value}.");
}
