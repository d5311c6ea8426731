using System.CommandLine;
using System.CommandLine.Help;

namespace GeneMask.Samples.Tests;

/// <summary>
/// Every option of every command, read from the command tree, given values that do not parse: each is one line on
/// standard error ("error: …" naming the value) and exit code 1, before any work, without the help text.
/// </summary>
public class OptionParsingTests
{
    /// <summary>The malformed values tried on each option, by the type it parses.</summary>
    public static IEnumerable<TestCaseData> MalformedValues()
    {
        var root = SampleCommands.Build(SampleApp.Logo);
        foreach (var (path, command) in Commands(root, []))
        {
            foreach (var option in command.Options.Where(o => o is not HelpOption and not VersionOption))
            {
                var type = option.ValueType.IsArray ? option.ValueType.GetElementType()! : option.ValueType;
                type = Nullable.GetUnderlyingType(type) ?? type;
                string[] values = type switch
                {
                    _ when type == typeof(int) || type == typeof(long) || type == typeof(ulong) => ["x", "1.5", "", "1e3", "99999999999999999999999"],
                    _ when type == typeof(double) => ["x", "", "NaN", "0x10"],
                    _ when type.IsEnum => ["x", "", "999"],
                    _ when type == typeof(bool) => ["x"],
                    _ => [],
                };
                foreach (var value in values)
                {
                    yield return new TestCaseData((object)path.Append(option.Name).Append(value).ToArray())
                        .SetName($"Malformed_{string.Join("_", path)}_{option.Name.TrimStart('-')}_'{value}'");
                }
            }
        }
    }

    [TestCaseSource(nameof(MalformedValues))]
    public void A_malformed_value_is_one_line_and_exit_code_1(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var value = args[^1];
        SampleCommands.Build(SampleApp.Logo).Parse(args).Errors.Should().NotBeEmpty("a value that parses would start the command");

        var run = SampleRun.Start(args);

        run.ExitCode.Should().Be(SampleContext.UserErrorExitCode, run.Output);
        var error = run.Error.TrimEnd();
        error.Should().StartWith("error: ").And.NotContain("\n").And.NotContain("   at ").And.NotContain("Usage:");
        error.Should().Contain(value.Length == 0 ? "''" : value, "the message names the value");
        run.Output.Should().Be(run.Error, "nothing runs");
    }

    [Test]
    public void The_table_covers_every_command_with_numeric_options()
    {
        var commands = MalformedValues().Select(c => ((string[])c.Arguments[0]!)[0]).Distinct().ToList();
        commands.Should().Contain(["stats", "corpus", "pmi", "mask", "pretrain", "fewshot", "gue", "reproduce", "figure", "compare"]);
    }

    [Test]
    public void A_conversion_error_names_the_option_and_what_it_takes()
    {
        Line("pretrain", "--steps", "1.5", "--corpus", ".", "--output", "x").Should().Be($"error: --steps: '1.5' is not a whole number. ('{RootName()} pretrain --help' lists the options.)");
        Line("stats", "--k", "99999999999").Should().Contain("--k: '99999999999' is not a whole number from -2147483648 to 2147483647.");
        Line("compare", "--precision", "x").Should().Contain("--precision: 'x' is not one of Fp32, Bf16, Bf16Mixed, Fp16Mixed.");
        Line("compare", "--preset", "studdy").Should().Contain("--preset: Unknown preset 'studdy'; expected default, study or tiny.");
        Line("compare", "--tiny", "--replicates", "0").Should().Contain("MaskingComparisonOptions.Replicates is 0; expected at least 1.");
        Line("corpus", "--validation-fraction", "abc").Should().Contain("--validation-fraction: 'abc' is not a number.");
        Line("fewshot", "--seeds", string.Empty, "--model", ".", "--output", "x").Should().Contain("--seeds: '' is not a whole number.");
        Line("pretrain", "--bogus").Should().Contain("Unrecognized command or argument '--bogus'. Option '--corpus' is required. Option '--output' is required.");

        static string Line(params string[] args)
        {
            var run = SampleRun.Start(args);
            run.ExitCode.Should().Be(SampleContext.UserErrorExitCode);
            return run.Error.TrimEnd();
        }

        static string RootName() => SampleCommands.Build(SampleApp.Logo).Name;
    }

    private static IEnumerable<(List<string> Path, Command Command)> Commands(Command command, List<string> path)
    {
        foreach (var sub in command.Subcommands)
        {
            List<string> subPath = [.. path, sub.Name];
            yield return (subPath, sub);
            foreach (var nested in Commands(sub, subPath))
            {
                yield return nested;
            }
        }
    }
}
