using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace GeneMask.Samples;

/// <summary>A command line that does not parse, described in one line: every error, then where the options are listed.</summary>
internal static partial class ParseErrors
{
    /// <summary>The errors of <paramref name="parse"/>, a value that did not convert said in the option's terms.</summary>
    public static string Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult;
        var path = new List<string>();
        for (SymbolResult? result = command; result is not null; result = result.Parent)
        {
            if (result is CommandResult c)
            {
                path.Insert(0, c.Command.Name);
            }
        }

        var messages = parse.Errors.Select(e => Named(e, Rephrase(e.Message, command.Command))).Distinct(StringComparer.Ordinal);
        return Whitespace().Replace($"{string.Join(" ", messages)} ('{string.Join(" ", path)} --help' lists the options.)", " ");
    }

    /// <summary>The message, prefixed with the option it is about when it does not say (e.g. a value not among the allowed ones).</summary>
    private static string Named(ParseError error, string message)
    {
        var option = error.SymbolResult switch
        {
            OptionResult o => o.Option,
            ArgumentResult { Parent: OptionResult o } => o.Option,
            _ => null,
        };
        return option is null || message.Contains(option.Name, StringComparison.Ordinal) ? message : $"{option.Name}: {message}";
    }

    private static string Rephrase(string message, Command command)
    {
        var match = CannotParse().Match(message);
        if (!match.Success || FindOption(command, match.Groups["option"].Value) is not { } option)
        {
            return message;
        }

        var value = match.Groups["value"].Value;
        var type = option.ValueType.IsArray ? option.ValueType.GetElementType()! : option.ValueType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        var expected = type switch
        {
            _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(double) || type == typeof(float) => "a number",
            _ when type == typeof(int) => WholeNumber<int>(value),
            _ when type == typeof(long) => WholeNumber<long>(value),
            _ when type == typeof(ulong) => WholeNumber<ulong>(value),
            _ => null,
        };
        return expected is null ? message : $"{option.Name}: '{value}' is not {expected}.";
    }

    private static string WholeNumber<T>(string value)
        where T : IBinaryInteger<T>, IMinMaxValue<T> =>
        BigInteger.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            ? string.Create(CultureInfo.InvariantCulture, $"a whole number from {T.MinValue} to {T.MaxValue}")
            : "a whole number";

    private static Option? FindOption(Command? command, string name)
    {
        for (; command is not null; command = command.Parents.OfType<Command>().FirstOrDefault())
        {
            if (command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name)) is { } option)
            {
                return option;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
