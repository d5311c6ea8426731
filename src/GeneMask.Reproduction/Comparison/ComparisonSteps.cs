using System.Globalization;
using GeneMask.Infrastructure;
using GeneMask.Reproduction.Experiments;

namespace GeneMask.Reproduction.Comparison;

/// <summary>
/// A comparison as separate jobs, for a workflow engine that runs each where it likes, with the output folder shared:
/// one step for the options' arms (usually one arm per job) and one replicate. A step reuses what is finished, refuses
/// a folder whose pieces were produced with other settings (before writing anything), waits for a piece another
/// process is computing, and writes each piece atomically, so a killed job leaves nothing half-written and its rerun
/// continues. Run in dependency order (<see cref="ComparisonStep"/>), the steps give the evidence
/// <see cref="MaskingComparison.Run"/> gives in one process, wall times and the invocation history aside.
/// </summary>
public static class ComparisonSteps
{
    /// <summary>Runs one step of <paramref name="comparison"/>; returns the outcome of <see cref="ComparisonStep.Report"/>, null for the others.</summary>
    /// <param name="comparison">The comparison; the step concerns its options' arms.</param>
    /// <param name="inputs">Where it reads and writes.</param>
    /// <param name="step">The step.</param>
    /// <param name="replicate">The replicate of the pretraining, M1/M2 and M3 steps.</param>
    /// <param name="progress">Lines saying what runs.</param>
    /// <param name="cancellationToken">Cancels the step; finished pieces are kept.</param>
    /// <exception cref="ResultMismatchException">The folder holds a piece of these arms produced with other settings; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="replicate"/> is not one of the options' replicates; nothing was written.</exception>
    /// <exception cref="FileNotFoundException">A piece this step needs is not done yet; the message names it.</exception>
    public static ComparisonOutcome? Run(MaskingComparison comparison, ComparisonInputs inputs, ComparisonStep step, int replicate = 0, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var o = comparison.Options;
        if (replicate < 0 || replicate >= o.Replicates)
        {
            // Before the folder is opened: nothing is written for a job that cannot run.
            throw new ArgumentOutOfRangeException(nameof(replicate), replicate, string.Create(CultureInfo.InvariantCulture, $"A replicate of this comparison is in [0, {o.Replicates}): give --replicates R to every job."));
        }

        using var session = comparison.Open(inputs, cancellationToken);
        using var threads = TorchThreads.OnePerJob(o.Device);
        switch (step)
        {
            case ComparisonStep.Prepare:
                progress?.Report("bag-of-6-mers baseline");
                session.BaselineCore(cancellationToken);
                return null;
            case ComparisonStep.Pretrain:
                foreach (var arm in o.Arms)
                {
                    progress?.Report($"pretrain {arm.Name}");
                    session.PretrainCore(arm, replicate, (_, detail) => progress?.Report($"pretrain {arm.Name}: {detail}"), cancellationToken);
                }

                return null;
            case ComparisonStep.Frozen:
                foreach (var arm in o.Arms)
                {
                    progress?.Report($"M1 and M2 of {arm.Name}");
                    session.FrozenCore(arm, replicate, cancellationToken);
                }

                return null;
            case ComparisonStep.FewShot:
                foreach (var arm in o.Arms)
                {
                    for (var seed = 0; seed < o.Seeds; seed++)
                    {
                        progress?.Report($"M3 few-shot {arm.Name}, seed {seed + 1}/{o.Seeds}");
                        session.FewShotCore(arm, replicate, seed, cancellationToken);
                    }
                }

                return null;
            case ComparisonStep.Report:
                return session.Report(cancellationToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, "Not a comparison step.");
        }
    }
}
