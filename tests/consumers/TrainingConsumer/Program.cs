// The example of the GeneMask.Models.TorchSharp README, compiled and run against the packed packages by .ci/run.
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Tokenization;
using Microsoft.Extensions.Options;

var work = Directory.CreateTempSubdirectory("genemask-example-").FullName;
try
{
    // A genome FASTA. So that the example runs anywhere, a made-up one: 20,000 bases of eight repeated 12-base motifs.
    var random = new Random(7);
    var motifs = Enumerable.Range(0, 8).Select(_ => string.Concat(Enumerable.Range(0, 12).Select(_ => "ACGT"[random.Next(4)]))).ToArray();
    var genome = Path.Combine(work, "genome.fa");
    File.WriteAllText(genome, ">chr1\n" + string.Concat(Enumerable.Range(0, 20_000 / 12).Select(_ => motifs[random.Next(8)])) + "\n");

    // Pretraining corpus of 6-mer rows (short rows for a tiny model), split 90/10.
    var corpus = Path.Combine(work, "corpus");
    new PretrainingCorpusBuilder(new PretrainingCorpusOptions { MaxChunkBases = 125, MinChunkBases = 20 }).Build([genome], corpus);
    using var train = TokenCorpus.Open(Path.Combine(corpus, PretrainingCorpusBuilder.TrainTokensFile));
    using var validation = TokenCorpus.Open(Path.Combine(corpus, PretrainingCorpusBuilder.ValidationTokensFile));

    // A one-layer BERT over the DNABERT 6-mer vocabulary, pretrained with the CM-GEMS curriculum.
    using var model = BertForMaskedLM.Create(new BertConfig(BertConfig.DnaBertVocabularySize, HiddenSize: 32, LayerCount: 1, HeadCount: 2, IntermediateSize: 64, HiddenDropout: 0.0, AttentionDropout: 0.0, MaxPositions: 128), seed: 42);
    var options = new PretrainingOptions
    {
        MaxSteps = 30, BatchSize = 8, WarmupSteps = 3, LearningRate = 5e-3, MaxSequenceLength = 128,
        EvaluationInterval = 5, CheckpointInterval = 0, OutputDirectory = Path.Combine(work, "run"),
    };
    var curriculum = CmGemsCurriculum.Create(PmiTable.LoadDefault(), new CmGemsCurriculumOptions { EvaluationInterval = 5 });
    var result = new MlmPretrainer(Options.Create(options)).Train(model, train, validation, curriculum);

    var first = result.Steps[0].Loss;
    var last = result.Steps[^1].Loss;
    Console.WriteLine($"{result.Steps.Count} steps, loss {first:F3} -> {last:F3}, {result.Validations.Count} validations; model in {result.ModelDirectory}");
    return result.Steps.Count == 30 && last < first - 1.0 && File.Exists(Path.Combine(result.ModelDirectory, "model.safetensors")) ? 0 : 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}
