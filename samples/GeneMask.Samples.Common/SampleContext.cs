using System.Text.RegularExpressions;
using GeneMask.Infrastructure;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Checkpoints;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Tokenization;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace GeneMask.Samples;

/// <summary>What every command needs: the console to write to and the app it runs in.</summary>
/// <param name="Console">Where output goes (the terminal, or a recording console in tests).</param>
/// <param name="App">The running app.</param>
public sealed partial record SampleContext(IAnsiConsole Console, SampleApp App)
{
    /// <summary>Exit code of a run that failed because of its input or options.</summary>
    public const int UserErrorExitCode = 1;

    /// <summary>Exit code of a run that failed because of a bug (an unexpected exception).</summary>
    public const int UnexpectedErrorExitCode = 70;

    /// <summary>Exit code of a cancelled run (as after Ctrl+C).</summary>
    public const int CancelledExitCode = 130;

    // Internal option paths that may reach a message, and the flags users know them by.
    private static readonly (string Path, string Flag)[] Flags =
    [
        ("PretrainingOptions.MaxSteps", "--steps"),
        ("ReproductionOptions.PretrainingSteps", "--steps"),
        ("PretrainingOptions.EvaluationInterval", "--eval-interval"),
        ("ReproductionOptions.EvaluationInterval", "--eval-interval"),
        ("ReproductionOptions.Seeds", "--seeds"),
        ("ReproductionOptions.Shots", "--shots"),
        ("ReproductionOptions.MaxTestExamples", "--test-examples"),
        ("ReproductionOptions.GueMaxTrainRows", "--max-train-rows"),
        ("ReproductionOptions.GueEpochs", "--epochs"),
        ("ReproductionOptions.Device", "--device"),
        ("PretrainingOptions.Device", "--device"),
        ("PretrainingCorpusOptions.ValidationFraction", "--validation-fraction"),
        ("ValidationFraction", "--validation-fraction"),
        ("PmiOptions.MinCount", "--min-count"),
        ("PmiOptions.K", "--k"),
    ];

    /// <summary>Where error messages go (standard error unless a test redirects it).</summary>
    public TextWriter Error { get; init; } = System.Console.Error;

    /// <summary>Opens standard input (read when a file option is <c>-</c> or names a pipe).</summary>
    public Func<Stream> StandardInput { get; init; } = System.Console.OpenStandardInput;

    private SampleInputs? _inputs;

    /// <summary>Resolves input files (<c>-</c> and pipes become temporary copies); messages name the original inputs.</summary>
    public SampleInputs OpenInputs(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var inputs = SampleInputs.Open(this, paths, cancellationToken);
        _inputs = inputs;
        return inputs;
    }

    /// <summary>
    /// Runs a command body; errors caused by the input (bad files, bad options, another run in the output folder)
    /// are one line on <see cref="Error"/> and exit code <see cref="UserErrorExitCode"/>. Other exceptions are bugs:
    /// they are printed with their stack trace and a request to report them (exit code <see cref="UnexpectedErrorExitCode"/>).
    /// When the run fails, an output folder it created that holds nothing is removed again.
    /// </summary>
    /// <param name="body">The command.</param>
    /// <param name="outputFolders">Output folders of the command (those missing now are removed on failure if left empty).</param>
    public int Run(Func<int> body, params string?[] outputFolders)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(outputFolders);
        var created = outputFolders.Where(f => f is not null && !Directory.Exists(f) && !File.Exists(f)).Select(f => Path.GetFullPath(f!)).ToList();
        var exitCode = RunCore(body);
        if (exitCode != 0)
        {
            foreach (var folder in created)
            {
                RemoveIfEmpty(folder);
            }
        }

        return exitCode;
    }

    /// <summary>Whether an exception reports a problem with the user's input rather than a bug.</summary>
    public static bool IsUserError(Exception exception) => exception is
        SequenceFormatException or FormatException or FileNotFoundException or DirectoryNotFoundException
        or OptionsValidationException or UnauthorizedAccessException or IOException or ArgumentException
        or InvalidDataException or RunMismatchException or TrainingDivergedException or DeviceNotAvailableException;

    /// <summary>The one-line message for a user error: flags instead of option paths, and what to do where it is clear.</summary>
    public static string UserMessage(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception switch
        {
            RunMismatchException m when m.Differences.Count > 0 =>
                $"{m.Path} belongs to a different run ({string.Join(", ", m.Differences.Select(Describe))}). Rerun with --no-resume to start over in that folder (replacing the run there), or choose another --output.",
            CorruptCheckpointException c => $"{c.Message} Rerun with --no-resume to start over, or delete {c.Path}.",
            OptionsValidationException o => string.Join(" ", o.Failures),
            OutputFolderInUseException u => u.Message.Replace("another output folder", "another --output", StringComparison.Ordinal),
            _ => exception.Message,
        };
        foreach (var (path, flag) in Flags)
        {
            message = message.Replace(path, flag, StringComparison.Ordinal);
        }

        // ArgumentException appends " (Parameter 'x')"; the message already names what is wrong.
        message = ParameterSuffix().Replace(message, string.Empty);
        return Whitespace().Replace(message, " ").Trim();
    }

    /// <summary>Runs <paramref name="work"/> under a progress bar with an ETA; the work reports completion in [0, 1].</summary>
    public T WithProgress<T>(string description, Func<Action<double>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(progress =>
            {
                var task = progress.AddTask(Markup.Escape(description), maxValue: 1.0);
                var result = work(fraction => task.Value = Math.Clamp(fraction, 0, 1));
                task.Value = 1.0;
                task.StopTask();
                return result;
            });
    }

    /// <summary>
    /// Runs a multi-stage job under one progress bar per stage (in <paramref name="stageNames"/> order, started when the
    /// stage first reports, closed when it reaches 1); <paramref name="read"/> extracts stage index, name, detail and
    /// completion from the job's progress reports.
    /// </summary>
    public T WithStageProgress<TProgress, T>(
        IEnumerable<string> stageNames,
        Func<TProgress, (int StageIndex, string Stage, string? Detail, double Fraction)> read,
        Func<IProgress<TProgress>, T> work)
    {
        ArgumentNullException.ThrowIfNull(stageNames);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(work);
        return Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(progress =>
            {
                var tasks = stageNames.Select(name => progress.AddTask(Markup.Escape(name), autoStart: false, maxValue: 1.0)).ToArray();
                return work(new SynchronousProgress<TProgress>(report =>
                {
                    var (index, stage, detail, fraction) = read(report);
                    var task = tasks[index];
                    if (!task.IsStarted)
                    {
                        task.StartTask();
                    }

                    task.Value = fraction;
                    task.Description = Markup.Escape(detail is null ? stage : $"{stage}: {detail}");
                    if (fraction >= 1)
                    {
                        task.Description = Markup.Escape(stage);
                        task.StopTask();
                    }
                }));
            });
    }

    private int RunCore(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (OperationCanceledException)
        {
            Console.MarkupLine("[yellow]Cancelled.[/]");
            return CancelledExitCode;
        }
        catch (Exception e) when (IsUserError(e))
        {
            var message = UserMessage(e);
            Error.WriteLine("error: " + (_inputs?.Rename(message) ?? message));
            return UserErrorExitCode;
        }
        catch (Exception e)
        {
            Error.WriteLine($"error: unexpected failure — this is a bug in {App.Name}; please report it with the command line and this output.");
            Error.WriteLine(e.ToString());
            return UnexpectedErrorExitCode;
        }
    }

    private static string Describe(RunDifference d)
    {
        var name = d.Name switch
        {
            "steps" => "--steps",
            "strategy" => "--strategy",
            "pmi" => "--pmi",
            "eval" => "--eval-interval",
            "corpus.train" or "corpus.validation" or "corpus.k" => "--corpus " + d.Name[7..],
            "model" => "model (--tiny)",
            _ => d.Name,
        };
        static string Short(string? value) => value is null ? "(none)" : value.Length > 20 && !value.Contains(' ', StringComparison.Ordinal) ? value[..16] + "…" : value;
        return $"{name}: {Short(d.Previous)} there, {Short(d.Current)} now";
    }

    private static void RemoveIfEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex(@" \(Parameter '[^']*'\)")]
    private static partial Regex ParameterSuffix();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
