using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Benchmarks;

/// <summary>Real masked batches for the model benchmarks: full 512-token rows of the chr2 slice, GeneMask masking.</summary>
internal static class ModelBenchmarkData
{
    public static MlmBatch GeneMaskBatch(int rows, long batchIndex = 0)
    {
        var tokenizer = KmerTokenizer.Create(6);
        var bases = ChromosomeBases(rows * 515);
        var kmerRows = new KmerRows(rows, 510);
        for (var r = 0; r < rows; r++)
        {
            var ids = kmerRows.Append(510);
            tokenizer.EncodeKmers(bases.AsSpan(r * 515, 515), ids);
        }

        var collator = new MlmCollator(new MlmCollatorOptions { Seed = 1 });
        return collator.Collate(kmerRows, batchIndex, MaskingPhase.Of(new GeneMaskMasking(PmiTable.LoadDefault())));
    }

    public static string ChromosomeBases(int count)
    {
        using var file = File.OpenRead(BenchmarkData.Path("genomes", "hg38_chr2_1-2333275.fa.gz"));
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var builder = new System.Text.StringBuilder(count);
        while (builder.Length < count && reader.ReadLine() is { } line)
        {
            if (line.StartsWith('>'))
            {
                continue;
            }

            foreach (var c in line)
            {
                var u = char.ToUpperInvariant(c);
                if (u is 'A' or 'C' or 'G' or 'T' && builder.Length < count)
                {
                    builder.Append(u);
                }
            }
        }

        return builder.ToString();
    }
}

/// <summary>
/// The machine's matrix-multiply peak: one 2048³ matmul (17.2 GFLOP) in fp32 and bf16 with torch's default threads;
/// GFLOP/s = 2·2048³ / time. It is the denominator of the models' efficiency.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class MatmulPeakBenchmarks
{
    private Tensor _a = null!;
    private Tensor _b = null!;

    [Params(ModelPrecision.Fp32, ModelPrecision.Bf16)]
    public ModelPrecision Precision { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        random.manual_seed(1);
        _a = randn(2048, 2048).to(Precision.ToScalarType());
        _b = randn(2048, 2048).to(Precision.ToScalarType());
    }

    [Benchmark]
    public void Matmul2048()
    {
        using var c = _a.matmul(_b);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _a.Dispose();
        _b.Dispose();
    }
}

/// <summary>
/// One masked-LM training step (forward, loss on the masked positions, backward, clip, AdamW) on a real GeneMask-masked
/// batch: LOGO (2/256/8, intermediate 3072) with 5 × 512 tokens, DNABert (12/768/12) with 10 × 512, fp32 and bf16.
/// Model FLOPs per step: <see cref="BertFlops.MaskedLmTrainingStep"/>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ModelTrainingStepBenchmarks
{
    private BertForMaskedLM _model = null!;
    private AdamW _optimizer = null!;
    private Parameter[] _parameters = null!;
    private Tensor _ids = null!;
    private Tensor _mask = null!;
    private Tensor _labels = null!;

    [Params("Logo", "DnaBert")]
    public string Model { get; set; } = "Logo";

    [Params(ModelPrecision.Fp32, ModelPrecision.Bf16)]
    public ModelPrecision Precision { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (config, rows) = Model == "Logo" ? (BertConfig.Logo, 5) : (BertConfig.DnaBert, 10);
        _model = BertForMaskedLM.Create(config, seed: 1);
        _model.to(Precision.ToScalarType());
        _model.train();
        _optimizer = OptimizerSetup.CreateAdamW(_model, 8e-4, 0.01, 0.9, 0.98, 1e-6);
        _parameters = _model.parameters().Distinct(ReferenceEqualityComparer.Instance).Cast<Parameter>().ToArray();
        var batch = ModelBenchmarkData.GeneMaskBatch(rows);
        long[] shape = [batch.BatchSize, batch.SequenceLength];
        _ids = tensor(batch.InputIds, shape);
        _mask = tensor(batch.AttentionMask, shape);
        _labels = tensor(batch.Labels, shape);
        Console.WriteLine($"// {Model} {Precision}: {batch.BatchSize}x{batch.SequenceLength}, {batch.PredictedTokens} predicted tokens, " +
            $"{BertFlops.MaskedLmTrainingStep(config, batch.BatchSize, batch.SequenceLength, batch.PredictedTokens) / 1e9:F1} model GFLOP per step");
    }

    [Benchmark]
    public float TrainingStep()
    {
        using var scope = NewDisposeScope();
        var loss = _model.MaskedLmLoss(_ids, _mask, _labels);
        loss.backward();
        nn.utils.clip_grad_norm_(_parameters, 1.0);
        _optimizer.step();
        _optimizer.zero_grad();
        return loss.item<float>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _optimizer.Dispose();
        _model.Dispose();
    }
}

/// <summary>
/// Where a LOGO step's time goes outside the model: <c>ModelOnly</c> trains on a prepared batch;
/// <c>WithProducer</c> takes each batch from the real background producer (token corpus rows, GeneMask masking,
/// collation) and builds its tensors first, as <see cref="MlmPretrainer"/> does; <c>CollateOnly</c> is the
/// masking and collation of one batch on the calling thread. Share outside the model = (WithProducer − ModelOnly) / WithProducer.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class PretrainingPipelineBenchmarks
{
    private BertForMaskedLM _model = null!;
    private AdamW _optimizer = null!;
    private Parameter[] _parameters = null!;
    private Tensor _ids = null!;
    private Tensor _mask = null!;
    private Tensor _labels = null!;
    private string _corpusDirectory = null!;
    private TokenCorpus _corpus = null!;
    private MaskedBatchProducer _producer = null!;
    private MlmCollator _collator = null!;
    private KmerRows _rows = null!;
    private MlmBatch _scratch = null!;
    private MaskingPhase _phase;

    [GlobalSetup]
    public void Setup()
    {
        _model = BertForMaskedLM.Create(BertConfig.Logo, seed: 1);
        _model.train();
        _optimizer = OptimizerSetup.CreateAdamW(_model, 8e-4, 0.01, 0.9, 0.98, 1e-6);
        _parameters = _model.parameters().Distinct(ReferenceEqualityComparer.Instance).Cast<Parameter>().ToArray();
        var batch = ModelBenchmarkData.GeneMaskBatch(5);
        long[] shape = [batch.BatchSize, batch.SequenceLength];
        _ids = tensor(batch.InputIds, shape);
        _mask = tensor(batch.AttentionMask, shape);
        _labels = tensor(batch.Labels, shape);

        _corpusDirectory = Path.Combine(Path.GetTempPath(), "genemask-bench-corpus-" + Guid.NewGuid().ToString("N"));
        new PretrainingCorpusBuilder(new PretrainingCorpusOptions { Seed = 7 })
            .Build([BenchmarkData.Path("genomes", "hg38_chr2_1-2333275.fa.gz")], _corpusDirectory);
        _corpus = TokenCorpus.Open(Path.Combine(_corpusDirectory, PretrainingCorpusBuilder.TrainTokensFile));
        _collator = new MlmCollator(new MlmCollatorOptions { Seed = 1 });
        _phase = MaskingPhase.Of(new GeneMaskMasking(PmiTable.LoadDefault()));
        var curriculum = new ConstantCurriculum(_phase.Strategy);
        var rowCount = _corpus.RowCount;
        _producer = new MaskedBatchProducer(
            _collator,
            curriculum,
            (index, rows) =>
            {
                for (var slot = 0; slot < 5; slot++)
                {
                    var row = ((index * 5) + slot) % rowCount;
                    _corpus.CopyRow(row, rows.Append(_corpus.RowLength(row)));
                }
            },
            new MaskedBatchProducerOptions { Capacity = 4, TotalSteps = 1_000_000 });
        _rows = new KmerRows(5, 510);
        _scratch = new MlmBatch();
    }

    [Benchmark(Baseline = true)]
    public float ModelOnly() => Step(_ids, _mask, _labels);

    [Benchmark]
    public float WithProducer()
    {
        using var scope = NewDisposeScope();
        var batch = _producer.Read() ?? throw new InvalidOperationException("The producer ended.");
        long[] shape = [batch.BatchSize, batch.SequenceLength];
        var ids = tensor(batch.InputIds, shape);
        var mask = tensor(batch.AttentionMask, shape);
        var labels = tensor(batch.Labels, shape);
        _producer.Return(batch);
        return Step(ids, mask, labels);
    }

    [Benchmark]
    public int CollateOnly()
    {
        _rows.Clear();
        for (long row = 0; row < 5; row++)
        {
            _corpus.CopyRow(row, _rows.Append(_corpus.RowLength(row)));
        }

        return _collator.Collate(_rows, 0, _phase, _scratch).PredictedTokens;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _producer.Dispose();
        _corpus.Dispose();
        _optimizer.Dispose();
        _model.Dispose();
        Directory.Delete(_corpusDirectory, recursive: true);
    }

    private float Step(Tensor ids, Tensor mask, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var loss = _model.MaskedLmLoss(ids, mask, labels);
        loss.backward();
        nn.utils.clip_grad_norm_(_parameters, 1.0);
        _optimizer.step();
        _optimizer.zero_grad();
        return loss.item<float>();
    }
}
