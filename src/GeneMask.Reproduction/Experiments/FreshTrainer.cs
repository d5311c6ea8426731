using GeneMask.Evaluation;
using GeneMask.Models.TorchSharp.Training;
using Microsoft.Extensions.Logging;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace GeneMask.Reproduction.Experiments;

/// <summary>
/// A <see cref="SequenceClassifierTrainer"/> built for each job: planning needs no model on disk (it may not be
/// pretrained yet), and jobs on several workers share nothing.
/// </summary>
internal sealed class FreshTrainer(SequenceClassifierOptions options, ILoggerFactory loggers) : ISequenceClassifierTrainer
{
    public ClassifierPredictions FineTuneAndPredict(FineTuneJob job, CancellationToken cancellationToken = default) =>
        new SequenceClassifierTrainer(MsOptions.Create(options), loggers.CreateLogger<SequenceClassifierTrainer>()).FineTuneAndPredict(job, cancellationToken);
}
