namespace GeneMask.Masking.Tests;

public class ThroughputTests
{
    [Test]
    public void Measure_masks_every_row_as_single_collate_calls_would_and_times_only_the_batches_after_the_warm_up()
    {
        // 25 rows in batches of 10: 3 batches (10, 10, 5), fewer than the warm-up minimum, so half of them (1) warm up.
        var rows = RealRows.All.Take(25).ToArray();
        var phase = MaskingPhase.Of(new GeneMaskMasking(RealRows.Table));
        var summary = new MaskingSummary();
        using var dump = new MemoryStream();

        var result = MaskingThroughput.Measure(new MlmCollator(new MlmCollatorOptions { Seed = 3 }), phase, rows, 10, summary, dump);

        var expected = new MaskingSummary();
        var collator = new MlmCollator(new MlmCollatorOptions { Seed = 3 });
        var batches = rows.Chunk(10).Select((chunk, i) => collator.Collate(chunk, i, phase)).ToList();
        foreach (var batch in batches)
        {
            expected.Add(batch);
        }

        (result.Batches, result.WarmUpBatches, result.BatchSize).Should().Be((3, 1, 10));
        result.Tokens.Should().Be(batches[1].RealTokens + batches[2].RealTokens, "batches 2 and 3 are timed");
        result.Tokens.Should().Be(15L * (RealRows.Kmers + 2));
        (summary.Rows, summary.Tokens, summary.PredictedTokens, summary.MaskTokenReplacements, summary.RandomReplacements)
            .Should().Be((expected.Rows, expected.Tokens, expected.PredictedTokens, expected.MaskTokenReplacements, expected.RandomReplacements));
        System.Text.Encoding.UTF8.GetString(dump.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(25, "one JSON line per row");
    }
}
