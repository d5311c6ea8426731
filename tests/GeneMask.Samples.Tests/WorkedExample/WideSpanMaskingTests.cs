using System.Text.Json;
using GeneMask.Masking;
using GeneMask.Models.TorchSharp;
using GeneMask.Models.TorchSharp.Training;
using GeneMask.Pmi;
using GeneMask.Reproduction;
using GeneMask.Tokenization;

namespace GeneMask.Samples.Tests;

/// <summary>
/// The worked example strategy: correct against a brute force, and — by its one catalogue entry, with no change to the
/// library — pretrained, compared and used on the command line by name.
/// </summary>
[NonParallelizable] // torch's global generator and thread pool are shared by the runs.
public class WideSpanMaskingTests
{
    [OneTimeSetUp]
    public void OneTorchThread()
    {
        TorchNativeLibrary.EnsureLoaded();
        TorchSharp.torch.set_num_threads(1);
    }

    [Test]
    public void Selects_exactly_the_widened_spans_of_its_random_centres()
    {
        // Real rows of every length from none to full, so the spans are clipped at both ends.
        var tokenizer = KmerTokenizer.Create(6);
        var kmers = FullLengthRows.FromFasta(TestData.Genome("hg38_chr2_1-2333275.fa.gz"), tokenizer, 120, 40).ToList();
        const int rowLength = 122;
        var ids = new int[kmers.Count * rowLength];
        var lengths = new int[kmers.Count];
        for (var r = 0; r < kmers.Count; r++)
        {
            var used = kmers[r][..(r * 3 % 121)];
            ids[r * rowLength] = SpecialTokens.Cls;
            used.CopyTo(ids, (r * rowLength) + 1);
            ids[(r * rowLength) + used.Length + 1] = SpecialTokens.Sep;
            lengths[r] = used.Length + 2;
        }

        const double p = 0.05;
        var strategy = new WideSpanMasking(new WideSpanMaskingOptions { Probability = p });
        var selected = new bool[ids.Length];
        Array.Fill(selected, true); // every flag must be written
        var random = MaskRandom.ForBatch(3, 7, MaskRandomPurpose.Positions);
        var reference = random;
        var count = strategy.SelectPositions(new MaskingBatch(ids, lengths, kmers.Count, rowLength), p, ref random, selected);

        // Brute force: the documented draws (one 64-bit output per two positions, low half first), then every position
        // within k − 1 = 5 of a centre, inside [1, end].
        var threshold = (ulong)Math.Floor(p * 4294967296.0);
        var expectedCount = 0;
        for (var r = 0; r < kmers.Count; r++)
        {
            var end = lengths[r] - 2;
            var centres = new List<int>();
            for (var position = 1; position <= end; position += 2)
            {
                var bits = reference.NextUInt64();
                if ((uint)bits < threshold)
                {
                    centres.Add(position);
                }

                if (position + 1 <= end && (uint)(bits >> 32) < threshold)
                {
                    centres.Add(position + 1);
                }
            }

            var expected = Enumerable.Range(0, rowLength).Where(i => i >= 1 && i <= end && centres.Any(c => Math.Abs(i - c) <= 5)).ToList();
            Enumerable.Range(0, rowLength).Where(i => selected[(r * rowLength) + i]).Should().Equal(expected, $"row {r} of length {lengths[r]}");
            expectedCount += expected.Count;
        }

        count.Should().Be(expectedCount);
        expectedCount.Should().BeGreaterThan(100);
        random.NextUInt64().Should().Be(reference.NextUInt64(), "it makes exactly the documented draws");
    }

    [Test]
    public void Its_one_entry_puts_it_in_the_catalogue()
    {
        var entry = MaskingCatalog.GetStrategy("wide-span");

        entry.Should().BeSameAs(WideSpanMasking.Entry);
        entry.StrategyType.Should().Be<WideSpanMasking>();
        var strategy = entry.Create(PmiTable.LoadDefault());
        strategy.Name.Should().Be("wide-span");
        strategy.Description.Should().Be("wide-span(k=6, p=0.013636363636363636)");
        MaskingCatalog.Strategies.Select(s => s.Name).Should().Equal("random-token", "kmer-span", "genemask", "global", "wide-span");
    }

    [Test]
    public void Pretrains_a_tiny_model_by_name()
    {
        using var folder = new TempFolder();
        var corpus = folder.File("corpus");
        new PretrainingCorpusBuilder(new PretrainingCorpusOptions { MaxChunkBases = 40, Seed = 5 }).Build([TestData.Genome("phage_lambda_NC_001416.fa")], corpus);
        var options = ReproduceCommand.Override(ReproductionOptions.Quick(), 6, null, ["wide-span"], null, tiny: true);
        var pipeline = new ReproductionPipeline(options);
        var output = Path.Combine(folder.Path, "pretraining", options.PretrainingFolderName("wide-span"));
        using var train = TokenCorpus.Open(Path.Combine(corpus, PretrainingCorpusBuilder.TrainTokensFile));
        using var validation = TokenCorpus.Open(Path.Combine(corpus, PretrainingCorpusBuilder.ValidationTokensFile));

        var model = pipeline.Pretrain("wide-span", PmiTable.LoadDefault(), train, validation, output);

        pipeline.StageNames.Should().Contain("pretrain wide-span");
        output.Should().EndWith("wide-span");
        model.Strategy.Should().Be("wide-span");
        model.Name.Should().Be("LOGO wide-span 6");
        model.FinalLoss.Should().BeInRange(1, 10);
        var metrics = File.ReadAllLines(Path.Combine(output, MlmPretrainer.MetricsFileName)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        metrics.Should().HaveCount(6).And.OnlyContain(m => m.GetProperty("strategy").GetString() == "wide-span");
        var done = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ReproductionPipeline.DoneMarkerFile))).RootElement.GetProperty("result").GetProperty("fingerprint").GetString();
        done.Should().Contain("strategy=wide-span").And.Contain("masking=constant(strategy=wide-span(k=6, p=0.013636363636363636), p=0.013636363636363636)");

        // The same run again is recognised by its fingerprint and reused.
        pipeline.Pretrain("wide-span", PmiTable.LoadDefault(), train, validation, output).Reused.Should().BeTrue();
    }

    [Test]
    public void Is_compared_as_an_arm_by_name()
    {
        using var folder = new TempFolder();
        var output = folder.File("compare");

        var run = SampleRun.Start("compare", "--tiny", "--arms", "none,kmer-span,wide-span", "--steps", "12", "--seeds", "2", "--output", output);

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("Arms: none, kmer-span, wide-span.");
        var evidence = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "evidence.json"))).RootElement;
        evidence.GetProperty("arms").EnumerateArray().Select(a => a.GetProperty("name").GetString()).Should().Equal("none", "kmer-span", "wide-span");
        var wide = evidence.GetProperty("arms")[2];
        wide.GetProperty("pretraining_steps").GetInt64().Should().Be(12);
        wide.GetProperty("m1_loss").GetProperty("kmer-span").GetDouble().Should().BeInRange(1, 10);
        wide.GetProperty("m3_per_seed").GetArrayLength().Should().Be(2);
        evidence.GetProperty("comparisons").EnumerateArray().Select(c => $"{c.GetProperty("arm").GetString()} − {c.GetProperty("reference").GetString()} {c.GetProperty("metric").GetString()}")
            .Should().Contain("wide-span − kmer-span M3").And.Contain("wide-span − none M3").And.Contain("wide-span − kmer-span M2");
        Directory.Exists(Path.Combine(output, "arms", "wide-span", "replicate-0", "pretraining", "model")).Should().BeTrue();
    }

    [Test]
    public void Masks_and_pretrains_on_the_command_line_by_name()
    {
        var mask = SampleRun.Start("mask", "--strategy", "wide-span", "--rows", "30", "--seed", "4");
        mask.ExitCode.Should().Be(0, mask.Output);
        mask.Output.Should().Contain("wide-span (p = 0.01364)").And.Contain("predicted fraction");

        using var folder = new TempFolder();
        var corpus = folder.File("corpus");
        SampleRun.Start("corpus", "--fasta", TestData.Genome("phage_lambda_NC_001416.fa"), "--output", corpus).ExitCode.Should().Be(0);
        var output = folder.File("pretrain");
        var pretrain = SampleRun.Start("pretrain", "--corpus", corpus, "--strategy", "wide-span", "--steps", "3", "--tiny", "--output", output);
        pretrain.ExitCode.Should().Be(0, pretrain.Output);
        pretrain.Output.Should().Contain("Pretraining LOGO wide-span 3");
        File.ReadAllLines(Path.Combine(output, MlmPretrainer.MetricsFileName)).Should().HaveCount(3).And.OnlyContain(l => l.Contains("\"strategy\":\"wide-span\"", StringComparison.Ordinal));

        var plan = JsonDocument.Parse(SampleRun.Start("reproduce", "--strategies", "wide-span", "cm-gems", "--plan").Output).RootElement;
        plan.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("folder").GetString()).Should().Equal("wide-span", "cm-gems");
    }
}
