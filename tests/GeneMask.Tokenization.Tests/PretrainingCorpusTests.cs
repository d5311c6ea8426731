using System.Text;
using GeneMask.Infrastructure;
using Microsoft.Extensions.Options;

namespace GeneMask.Tokenization.Tests;

public class PretrainingCorpusTests
{
    private static readonly string Human = TestData.Genome("hg38_chr2_1-2333275.fa.gz");
    private static readonly string Ecoli = TestData.Genome("ecoli_536_NC_008253.fna.gz");
    private static readonly string Lambda = TestData.Genome("phage_lambda_NC_001416.fa");

    [Test]
    public void Human_fragment_corpus_accounts_for_every_base_and_has_no_N()
    {
        using var folder = new TempFolder();
        var report = new PretrainingCorpusBuilder().Build([Human], folder.Path);

        // Counts from the shell: 2,333,275 bases, 10,000 of them N, the rest A/C/G/T (either case).
        report.Records.Should().Be(1);
        report.BasesRead.Should().Be(2_333_275);
        report.NBasesDropped.Should().Be(10_000);
        report.OtherBasesDropped.Should().Be(0);
        (report.BasesKept + report.ShortBasesDropped + report.DuplicateBasesDropped).Should().Be(2_323_275);
        (report.TrainRows + report.ValidationRows).Should().Be(report.Chunks - report.DuplicatesDropped);

        var train = File.ReadAllLines(folder.File("train.txt"));
        var validation = File.ReadAllLines(folder.File("validation.txt"));
        train.Should().HaveCount((int)report.TrainRows);
        validation.Should().HaveCount((int)report.ValidationRows);
        train.Concat(validation).Should().OnlyContain(line => line.Length > 0 && line.All(c => c == ' ' || c == 'A' || c == 'C' || c == 'G' || c == 'T'));

        var fraction = report.ValidationRows / (double)(report.TrainRows + report.ValidationRows);
        fraction.Should().BeApproximately(0.1, 0.02);

        PretrainingCorpusReport.FromJson(File.ReadAllText(folder.File("report.json"))).Should().BeEquivalentTo(report);
    }

    [Test]
    public void Rows_are_consecutive_pieces_of_the_cleaned_genome_in_order()
    {
        using var folder = new TempFolder();
        var report = new PretrainingCorpusBuilder().Build([Lambda], folder.Path);

        // Independent slow version of the cleaning: upper-case, keep A/C/G/T only.
        string cleaned;
        using (var reader = FastaReader.Open(Lambda))
        {
            cleaned = new string(Encoding.ASCII.GetString(reader.ReadRecords().Single().Bases).ToUpperInvariant().Where(c => "ACGT".Contains(c, StringComparison.Ordinal)).ToArray());
        }

        // Every row, of either split, occurs in order; the gaps are rows of the other split, duplicates or the short tail.
        var position = 0;
        long covered = 0;
        foreach (var line in File.ReadLines(folder.File("train.txt")))
        {
            var bases = KmerText.ToBases(line);
            var found = cleaned.IndexOf(bases, position, StringComparison.Ordinal);
            found.Should().BeGreaterThanOrEqualTo(position);
            position = found + bases.Length;
            covered += bases.Length;
        }

        foreach (var line in File.ReadLines(folder.File("validation.txt")))
        {
            covered += KmerText.ToBases(line).Length;
        }

        covered.Should().Be(report.BasesKept);
        (report.BasesKept + report.ShortBasesDropped + report.DuplicateBasesDropped).Should().Be(cleaned.Length);
    }

    [Test]
    public void Full_length_only_writes_rows_of_exactly_the_chunk_length_and_drops_the_tail()
    {
        using var folder = new TempFolder();
        var report = new PretrainingCorpusBuilder(new PretrainingCorpusOptions { MaxChunkBases = 126, FullLengthOnly = true, Deduplicate = false }).Build([Lambda], folder.Path);

        // Lambda: 48,502 A/C/G/T bases → ⌊48,502 / 126⌋ = 384 chunks, 48,502 − 384 · 126 = 118 bases in the dropped tail.
        report.Chunks.Should().Be(384);
        report.FullLengthChunks.Should().Be(384);
        report.ShortBasesDropped.Should().Be(118);
        (report.TrainRows + report.ValidationRows).Should().Be(384);
        File.ReadLines(folder.File("train.txt")).Concat(File.ReadLines(folder.File("validation.txt")))
            .Should().OnlyContain(line => KmerText.ToBases(line).Length == 126);
        using var tokens = TokenCorpus.Open(folder.File("train.tokens"));
        for (long row = 0; row < tokens.RowCount; row++)
        {
            tokens.RowLength(row).Should().Be(121);
        }
    }

    [Test]
    public void Chunk_lengths_are_full_half_of_the_time_and_uniform_otherwise()
    {
        using var folder = new TempFolder();
        var report = new PretrainingCorpusBuilder().Build([Ecoli], folder.Path);

        var lengths = File.ReadLines(folder.File("train.txt")).Concat(File.ReadLines(folder.File("validation.txt")))
            .Select(line => (line.Length + 1) / 7 + 5) // n 6-mers take 7n − 1 characters; bases = n + 5
            .ToList();

        lengths.Should().OnlyContain(l => l >= 6 && l <= 510);
        var full = lengths.Count(l => l == 510) / (double)lengths.Count;
        full.Should().BeApproximately(0.5 + (0.5 / 506), 0.03, "a chunk has 510 bases with probability 0.5 plus 1/506 of the uniform draws");
        var others = lengths.Where(l => l != 510).ToList();
        others.Average().Should().BeApproximately((6 + 509) / 2.0, 8, "the other lengths are uniform in 5..510 (less the ones too short for a 6-mer)");
        report.DuplicatesDropped.Should().Be(0, "no two E. coli chunks are equal");
        report.FullLengthChunks.Should().Be(lengths.Count(l => l == 510));
    }

    [Test]
    public void Same_seed_gives_byte_identical_files_and_another_seed_does_not()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        using var c = new TempFolder();
        new PretrainingCorpusBuilder(new PretrainingCorpusOptions { Seed = 7 }).Build([Lambda, Human], a.Path);
        new PretrainingCorpusBuilder(new PretrainingCorpusOptions { Seed = 7 }).Build([Lambda, Human], b.Path);
        new PretrainingCorpusBuilder(new PretrainingCorpusOptions { Seed = 8 }).Build([Lambda, Human], c.Path);

        foreach (var name in new[] { "train.txt", "validation.txt", "train.tokens", "validation.tokens", "report.json" })
        {
            File.ReadAllBytes(b.File(name)).Should().Equal(File.ReadAllBytes(a.File(name)), name);
        }

        File.ReadAllBytes(c.File("train.txt")).Should().NotEqual(File.ReadAllBytes(a.File("train.txt")));
    }

    [Test]
    public void Token_files_hold_the_rows_of_the_text_files()
    {
        using var folder = new TempFolder();
        new PretrainingCorpusBuilder().Build([Lambda], folder.Path);
        var tokenizer = KmerTokenizer.Create();

        foreach (var split in new[] { "train", "validation" })
        {
            var lines = File.ReadAllLines(folder.File(split + ".txt"));
            using var corpus = TokenCorpus.Open(folder.File(split + ".tokens"));
            corpus.K.Should().Be(6);
            corpus.VocabularySize.Should().Be(4101);
            corpus.RowCount.Should().Be(lines.Length);
            var row = new int[510];
            for (var r = 0; r < lines.Length; r++)
            {
                var count = corpus.CopyRow(r, row);
                count.Should().Be(corpus.RowLength(r));
                var ids = row.AsSpan(0, count);
                ids.ToArray().Should().OnlyContain(id => id >= SpecialTokens.Count, "rows hold k-mer ids only, no [CLS]/[SEP]/[UNK]");
                tokenizer.DecodeToKmerText(ids).Should().Be(lines[r]);
                tokenizer.DecodeToBases(ids).Should().Be(KmerText.ToBases(lines[r]));
            }
        }
    }

    [TestCase(1e-9, "and 0 for validation")]
    [TestCase(0.999999999, "into 0 for training")]
    public void A_fraction_that_leaves_a_split_empty_is_refused_and_nothing_is_written(double fraction, string expected)
    {
        using var folder = new TempFolder();
        var output = folder.File("out");
        var act = () => new PretrainingCorpusBuilder(new PretrainingCorpusOptions { ValidationFraction = fraction }).Build([TestData.Genome("phage_lambda_NC_001416.fa")], output);

        act.Should().Throw<InvalidDataException>().WithMessage($"*ValidationFraction {fraction.ToString(System.Globalization.CultureInfo.InvariantCulture)} split * rows *{expected}*nothing was written*");
        Directory.EnumerateFileSystemEntries(output).Should().BeEmpty();
    }

    [Test]
    public void Duplicate_chunks_are_written_once_keeping_the_first()
    {
        using var folder = new TempFolder();
        var unit = "ACGTTGCAAC"; // chunks of exactly 10 bases: every chunk of the repeat is the same
        var fasta = folder.Write("repeat.fa", ">r\n" + string.Concat(Enumerable.Repeat(unit, 50)) + "GGGGGGGGGG\n");
        var options = new PretrainingCorpusOptions { MaxChunkBases = 10, MinChunkBases = 10, ValidationFraction = 0 };

        var report = new PretrainingCorpusBuilder(options).Build([fasta], folder.File("out"));

        report.Chunks.Should().Be(51);
        report.DuplicatesDropped.Should().Be(49);
        report.DuplicateBasesDropped.Should().Be(490);
        File.ReadAllLines(Path.Combine(folder.File("out"), "train.txt")).Select(line => KmerText.ToBases(line)).Should().Equal(unit, "GGGGGGGGGG");
    }

    [Test]
    public void N_runs_are_removed_joining_the_sequence_and_soft_masking_is_upper_cased()
    {
        using var folder = new TempFolder();
        var fasta = folder.Write("gaps.fa", ">a\nACGTNNNNacgt\nNNRYAC\n>b\nTTTTT\n");
        var options = new PretrainingCorpusOptions { K = 3, MaxChunkBases = 12, MinChunkBases = 5, FullLengthProbability = 1, ValidationFraction = 0 };

        var report = new PretrainingCorpusBuilder(options).Build([fasta], folder.File("out"));

        File.ReadAllLines(Path.Combine(folder.File("out"), "train.txt")).Should().Equal(
            KmerText.FromBases("ACGTACGTAC", 3),
            KmerText.FromBases("TTTTT", 3));
        report.NBasesDropped.Should().Be(6);
        report.OtherBasesDropped.Should().Be(2);
        report.Records.Should().Be(2);
    }

    [Test]
    public void A_bad_input_file_leaves_no_output_behind()
    {
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(Human);
        var truncated = folder.Write("cut.fa.gz", bytes.AsSpan(0, bytes.Length - 100).ToArray());
        var output = folder.File("out");

        var act = () => new PretrainingCorpusBuilder().Build([Lambda, truncated], output);

        act.Should().Throw<SequenceFormatException>().WithMessage($"{truncated}*truncated*");
        Directory.Exists(output).Should().BeTrue();
        Directory.EnumerateFileSystemEntries(output).Should().BeEmpty("no partial file or temporary folder may remain");
    }

    [Test]
    public void Cancellation_leaves_previous_output_untouched()
    {
        using var folder = new TempFolder();
        var output = folder.File("out");
        new PretrainingCorpusBuilder().Build([Lambda], output);
        var before = File.ReadAllBytes(Path.Combine(output, "train.tokens"));
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<PretrainingCorpusProgress>(p =>
        {
            if (p.BasesRead > 1_000_000)
            {
                cancellation.Cancel();
            }
        });

        var act = () => new PretrainingCorpusBuilder(new PretrainingCorpusOptions { Seed = 1 }).Build([Ecoli], output, progress, cancellation.Token);

        act.Should().Throw<OperationCanceledException>();
        File.ReadAllBytes(Path.Combine(output, "train.tokens")).Should().Equal(before);
        Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName).Should().BeEquivalentTo(
            "train.txt", "validation.txt", "train.tokens", "validation.tokens", "report.json", "manifest.json");
        CorpusManifest.Verify(output).Files.Should().HaveCount(5, "the previous corpus is still whole");
    }

    [TestCase(nameof(PretrainingCorpusOptions.K), 9, "K = 9*")]
    [TestCase(nameof(PretrainingCorpusOptions.MinChunkBases), 600, "MinChunkBases = 600 must not exceed MaxChunkBases = 510*")]
    [TestCase(nameof(PretrainingCorpusOptions.FullLengthProbability), 1.5, "FullLengthProbability = 1.5*")]
    [TestCase(nameof(PretrainingCorpusOptions.ValidationFraction), -0.1, "ValidationFraction = -0.1*")]
    public void Invalid_options_are_rejected_with_the_value(string property, double value, string message)
    {
        var options = new PretrainingCorpusOptions();
        var info = typeof(PretrainingCorpusOptions).GetProperty(property)!;
        info.SetValue(options, info.PropertyType == typeof(int) ? (object)(int)value : value);

        var act = () => new PretrainingCorpusBuilder(options);

        act.Should().Throw<OptionsValidationException>().WithMessage("*" + message);
    }
}
