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

    /// <summary>
    /// The first <paramref name="rows"/> 126-base rows of <paramref name="bases"/> (123 tokens) under k-mer-span masks
    /// in batches of 64, as the main job's M1 scores them.
    /// </summary>
    public static MaskedEvaluationSet KmerSpanSet(string bases, int rows)
    {
        var tokenizer = KmerTokenizer.Create(6);
        var encoded = Enumerable.Range(0, rows).Select(r => tokenizer.EncodeKmers(bases.AsSpan(r * 126, 126).ToString())).ToList();
        var collator = new MlmCollator(new MlmCollatorOptions { Seed = 1, MaxSequenceLength = 123 });
        return MaskedEvaluationSet.Create("kmer-span", encoded, collator, MaskingPhase.Of(new KmerSpanMasking()), 64);
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
/// batch: LOGO (2/256/8, intermediate 3072) with 5 × 512 tokens, DNABert (12/768/12) with 10 × 512; fp32, bf16-mixed
/// (fp32 master weights) and pure bf16.
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

    [Params(ModelPrecision.Fp32, ModelPrecision.Bf16Mixed, ModelPrecision.Bf16)]
    public ModelPrecision Precision { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (config, rows) = Model == "Logo" ? (BertConfig.Logo, 5) : (BertConfig.DnaBert, 10);
        _model = BertForMaskedLM.Create(config, seed: 1);
        _model.UsePrecision(Precision);
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
/// The pipeline benchmark, one run per precision (fp32, bf16-mixed, pure bf16) on the same LOGO model (2/256/8,
/// intermediate 3072):
/// <c>MatmulPeak</c> — one 2048³ matmul in the precision's compute dtype (17.2 GFLOP), the denominator of efficiency,
/// measured in the same run; <c>ModelOnly</c> — a training step (forward, loss on the masked positions, backward, clip or
/// loss scaling, AdamW) on a prepared 5 × 512 GeneMask batch; <c>WithProducer</c> — the same step on a batch taken from the
/// real background producer (token corpus rows, GeneMask masking, collation) with its tensors built, as
/// <see cref="MlmPretrainer"/> does; <c>CollateOnly</c> — reading, masking and collating one batch on the calling thread;
/// <c>Score</c> — <see cref="BertForSequenceClassification.PredictLogits"/> on 64 real rows of 70–400 bases (inference
/// mode, grouped by length, batches of 16); <c>ScoreTrainingHabits</c> — the same rows scored as before (no_grad only,
/// file order, so each batch pads to its longest row).
/// Share outside the model = (WithProducer − ModelOnly) / WithProducer; end-to-end tokens/s = 5 × 512 / WithProducer.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 4)]
public class PretrainingPipelineBenchmarks
{
    private const int ScoreBatch = 16;
    private BertForMaskedLM _model = null!;
    private BertForSequenceClassification _classifier = null!;
    private AdamW _optimizer = null!;
    private Parameter[] _parameters = null!;
    private Tensor _ids = null!;
    private Tensor _mask = null!;
    private Tensor _labels = null!;
    private Tensor _a = null!;
    private Tensor _b = null!;
    private int[][] _scoreRows = null!;
    private string _corpusDirectory = null!;
    private TokenCorpus _corpus = null!;
    private MaskedBatchProducer _producer = null!;
    private MlmCollator _collator = null!;
    private KmerRows _rows = null!;
    private MlmBatch _scratch = null!;
    private MaskingPhase _phase;

    [Params(ModelPrecision.Fp32, ModelPrecision.Bf16Mixed, ModelPrecision.Bf16)]
    public ModelPrecision Precision { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = BertForMaskedLM.Create(BertConfig.Logo, seed: 1).UsePrecision(Precision);
        _model.train();
        _optimizer = OptimizerSetup.CreateAdamW(_model, 8e-4, 0.01, 0.9, 0.98, 1e-6);
        _parameters = _model.parameters().Distinct(ReferenceEqualityComparer.Instance).Cast<Parameter>().ToArray();
        var batch = ModelBenchmarkData.GeneMaskBatch(5);
        long[] shape = [batch.BatchSize, batch.SequenceLength];
        _ids = tensor(batch.InputIds, shape);
        _mask = tensor(batch.AttentionMask, shape);
        _labels = tensor(batch.Labels, shape);
        Console.WriteLine($"// LOGO {Precision}: {batch.BatchSize}x{batch.SequenceLength}, {batch.PredictedTokens} predicted tokens, " +
            $"{BertFlops.MaskedLmTrainingStep(BertConfig.Logo, batch.BatchSize, batch.SequenceLength, batch.PredictedTokens) / 1e9:F2} model GFLOP per step");

        random.manual_seed(1);
        var compute = Precision.ComputeScalarType() ?? Precision.ToScalarType();
        _a = randn(2048, 2048).to(compute);
        _b = randn(2048, 2048).to(compute);

        _classifier = BertForSequenceClassification.Create(BertConfig.Logo, classCount: 2, seed: 1).UsePrecision(Precision);
        var tokenizer = KmerTokenizer.Create(6);
        var bases = ModelBenchmarkData.ChromosomeBases(64 * 400);
        int[] lengths = [70, 400, 150, 300];
        _scoreRows = [.. Enumerable.Range(0, 64).Select(i => tokenizer.Encode(bases.AsSpan(i * 400, lengths[i % 4]).ToString()))];
        Console.WriteLine($"// Score: {_scoreRows.Length} rows, {_scoreRows.Sum(r => r.Length)} tokens");

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

    [Benchmark]
    public void MatmulPeak()
    {
        using var c = _a.matmul(_b);
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

    [Benchmark]
    public float Score() => _classifier.PredictLogits(_scoreRows, ScoreBatch)[0];

    [Benchmark]
    public float ScoreTrainingHabits()
    {
        // The scoring loop as it was: eval mode and no_grad, rows in file order, each batch padded to its longest row.
        _classifier.eval();
        using var noGrad = no_grad();
        var first = 0f;
        for (var start = 0; start < _scoreRows.Length; start += ScoreBatch)
        {
            using var scope = NewDisposeScope();
            var rows = _scoreRows.AsSpan(start, Math.Min(ScoreBatch, _scoreRows.Length - start));
            var length = 0;
            foreach (var row in rows)
            {
                length = Math.Max(length, row.Length);
            }

            var ids = new long[rows.Length * length];
            var mask = new long[ids.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < rows[r].Length; c++)
                {
                    ids[(r * length) + c] = rows[r][c];
                    mask[(r * length) + c] = 1;
                }
            }

            long[] shape = [rows.Length, length];
            var logits = _classifier.call(tensor(ids, shape), tensor(mask, shape)).to_type(ScalarType.Float32);
            first += nn.functional.softmax(logits, 1).data<float>()[0];
        }

        return first;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _producer.Dispose();
        _corpus.Dispose();
        _optimizer.Dispose();
        _model.Dispose();
        _classifier.Dispose();
        _a.Dispose();
        _b.Dispose();
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
