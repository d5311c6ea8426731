using BenchmarkDotNet.Attributes;
using GeneMask.Masking;
using GeneMask.Pmi;
using GeneMask.Tokenization;

namespace GeneMask.Benchmarks;

/// <summary>
/// Masking throughput on real sequence: batches of 10 or 64 rows × 512 tokens ([CLS], 510 6-mers of human chr2, [SEP]).
/// <c>Collate</c> is the whole job a trainer needs (pad, choose positions, 80/10/10, labels, attention mask into reused
/// buffers); <c>SelectPositions</c> is the strategy alone. Tokens per second = BatchSize × 512 ÷ mean.
/// </summary>
[MemoryDiagnoser]
public class MaskingBenchmarks
{
    private const int BatchesPrepared = 16;

    private KmerRows[] _rows = [];
    private int[][] _ids = [];
    private int[] _lengths = [];
    private bool[] _selected = [];
    private MlmCollator _collator = null!;
    private MlmBatch _batch = null!;
    private MaskingPhase _phase;
    private long _index;

    /// <summary>Rows per batch.</summary>
    [Params(10, 64)]
    public int BatchSize { get; set; }

    /// <summary>The strategy, by catalogue name: every strategy of the catalogue.</summary>
    [ParamsSource(nameof(Strategies))]
    public string Strategy { get; set; } = GeneMaskMasking.StrategyName;

    /// <summary>The names of the catalogue's strategies.</summary>
    public static IEnumerable<string> Strategies => MaskingCatalog.Strategies.Select(s => s.Name);

    /// <summary>Loads real rows and builds the strategy.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var tokenizer = KmerTokenizer.Create(6);
        var all = FullLengthRows.FromFasta(BenchmarkData.Path("genomes", "hg38_chr2_1-2333275.fa.gz"), tokenizer, 510, BatchesPrepared * BatchSize).ToArray();
        var table = PmiTable.LoadDefault();
        _phase = MaskingPhase.Of(MaskingCatalog.GetStrategy(Strategy).Create(table));
        _collator = new MlmCollator(new MlmCollatorOptions { Seed = 1, Padding = PaddingMode.Fixed });
        _batch = new MlmBatch();
        _rows = new KmerRows[BatchesPrepared];
        _ids = new int[BatchesPrepared][];
        for (var b = 0; b < BatchesPrepared; b++)
        {
            _rows[b] = new KmerRows(BatchSize);
            _ids[b] = new int[BatchSize * 512];
            for (var r = 0; r < BatchSize; r++)
            {
                var kmers = all[(b * BatchSize) + r];
                _rows[b].Add(kmers);
                var row = _ids[b].AsSpan(r * 512, 512);
                row[0] = SpecialTokens.Cls;
                kmers.CopyTo(row[1..]);
                row[511] = SpecialTokens.Sep;
            }
        }

        _lengths = Enumerable.Repeat(512, BatchSize).ToArray();
        _selected = new bool[BatchSize * 512];
        _collator.Collate(_rows[0], 0, _phase, _batch); // size the reused buffers
    }

    /// <summary>Strategy + collator: one ready batch.</summary>
    [Benchmark]
    public int Collate()
    {
        var b = _index++;
        return _collator.Collate(_rows[b % BatchesPrepared], b, _phase, _batch).PredictedTokens;
    }

    /// <summary>The strategy alone on a prepared batch.</summary>
    [Benchmark]
    public int SelectPositions()
    {
        var b = _index++;
        var random = MaskRandom.ForBatch(1, b, MaskRandomPurpose.Positions);
        var batch = new MaskingBatch(_ids[b % BatchesPrepared], _lengths, BatchSize, 512);
        return _phase.Strategy.SelectPositions(batch, _phase.Probability, ref random, _selected);
    }
}
