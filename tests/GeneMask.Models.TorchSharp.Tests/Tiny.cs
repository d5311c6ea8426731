using GeneMask.Models.TorchSharp;
using GeneMask.Tokenization;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>Tiny architectures and real-data utilities shared by the tests.</summary>
internal static class Tiny
{
    /// <summary>One layer, hidden 32, two heads, the real 6-mer vocabulary, short rows.</summary>
    public static BertConfig Config { get; } = new(BertConfig.DnaBertVocabularySize, 32, 1, 2, 64, 0.0, 0.0, MaxPositions: 128);

    private static readonly Lazy<string> LazyChr2Corpus = new(() =>
    {
        // Short chunks (≤ 69 bases = 64 6-mers) keep the tiny runs fast; everything else is the GeneMask protocol.
        var directory = TempDirectory();
        new PretrainingCorpusBuilder(new PretrainingCorpusOptions { MaxChunkBases = 69, MinChunkBases = 20, Seed = 7 })
            .Build([GeneMask.Tests.TestData.Genome("hg38_chr2_1-2333275.fa.gz")], directory);
        return directory;
    });

    /// <summary>The chr2 slice cut, cleaned and tokenized by the corpus builder; built once, read by several fixtures.</summary>
    public static string Chr2CorpusDirectory => LazyChr2Corpus.Value;

    /// <summary>Every parameter of <paramref name="model"/>, flattened into one array in parameter order.</summary>
    public static float[] FlatWeights(nn.Module model)
    {
        using var flat = cat(model.parameters().Select(p => p.detach().reshape(-1)).ToArray());
        return flat.data<float>().ToArray();
    }

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "genemask-models-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Upper-case A/C/G/T bases of the first records of the real chr2 slice, N runs removed.</summary>
    public static string GenomeBases(int count)
    {
        using var file = File.OpenRead(GeneMask.Tests.TestData.Genome("hg38_chr2_1-2333275.fa.gz"));
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

    /// <summary>Rows of [CLS] k-mers [SEP] cut from the real genome, each <paramref name="rowLength"/> ids.</summary>
    public static int[][] GenomeRows(int rows, int rowLength)
    {
        var tokenizer = KmerTokenizer.Create(6, rowLength);
        var basesPerRow = rowLength - 2 + 5;
        var bases = GenomeBases(rows * basesPerRow);
        return Enumerable.Range(0, rows).Select(r => tokenizer.Encode(bases.Substring(r * basesPerRow, basesPerRow))).ToArray();
    }

    /// <summary>A BERT-style masked batch: 15 % of k-mer positions masked ([MASK]), labels −100 elsewhere.</summary>
    public static (Tensor Ids, Tensor Mask, Tensor Labels) MaskedBatch(int[][] rows, int seed)
    {
        var random = new Random(seed);
        var length = rows[0].Length;
        var ids = new long[rows.Length * length];
        var labels = new long[ids.Length];
        var mask = new long[ids.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            var hasLabel = false;
            for (var c = 0; c < length; c++)
            {
                var i = (r * length) + c;
                ids[i] = rows[r][c];
                mask[i] = 1;
                labels[i] = BertForMaskedLM.IgnoreIndex;
                if (!SpecialTokens.IsSpecial(rows[r][c]) && (random.NextDouble() < 0.15 || (!hasLabel && c == length / 2)))
                {
                    labels[i] = rows[r][c];
                    ids[i] = SpecialTokens.Mask;
                    hasLabel = true;
                }
            }
        }

        long[] shape = [rows.Length, length];
        return (tensor(ids, shape), tensor(mask, shape), tensor(labels, shape));
    }
}
