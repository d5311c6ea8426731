using GeneMask.Infrastructure;
using GeneMask.Tokenization;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking.Tests;

public class CollatorTests
{
    private static KmerRows Rows(params int[][] rows)
    {
        var result = new KmerRows();
        foreach (var row in rows)
        {
            result.Add(row);
        }

        return result;
    }

    [Test]
    public void Pads_to_the_longest_row_adds_CLS_SEP_and_masks_nothing_at_probability_zero()
    {
        var collator = new MlmCollator();
        var batch = collator.Collate(Rows([5, 6, 7], [8]), 0, MaskingPhase.Of(new RandomTokenMasking(), 0));
        batch.BatchSize.Should().Be(2);
        batch.SequenceLength.Should().Be(5);
        batch.InputIds.Should().Equal(2, 5, 6, 7, 3, 2, 8, 3, 0, 0);
        batch.AttentionMask.Should().Equal(1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
        batch.Labels.Should().OnlyContain(l => l == -100);
        batch.RowLengths.ToArray().Should().Equal(5, 3);
        batch.RealTokens.Should().Be(8);
        batch.MaskableTokens.Should().Be(4);
        batch.PredictedTokens.Should().Be(0);
    }

    [Test]
    public void Probability_one_predicts_every_maskable_token_and_never_specials_or_padding()
    {
        var collator = new MlmCollator(new MlmCollatorOptions { Padding = PaddingMode.Fixed, MaxSequenceLength = 8, MaskTokenProbability = 1, RandomTokenProbability = 0 });
        var batch = collator.Collate(Rows([5, 6, 7], [8], [9, 10, 11, 12, 13, 14]), 3, MaskingPhase.Of(new RandomTokenMasking(), 1));
        batch.SequenceLength.Should().Be(8);
        batch.Labels.Should().Equal(
            -100, 5, 6, 7, -100, -100, -100, -100,
            -100, 8, -100, -100, -100, -100, -100, -100,
            -100, 9, 10, 11, 12, 13, 14, -100);
        batch.InputIds.Should().Equal(
            2, 4, 4, 4, 3, 0, 0, 0,
            2, 4, 3, 0, 0, 0, 0, 0,
            2, 4, 4, 4, 4, 4, 4, 3);
        batch.MaskTokenReplacements.Should().Be(10);
    }

    [Test]
    public void Pad_to_multiple_rounds_up_but_not_past_the_maximum()
    {
        var collator = new MlmCollator(new MlmCollatorOptions { PadToMultipleOf = 8, MaxSequenceLength = 12 });
        collator.Collate(Rows([5, 6, 7]), 0, MaskingPhase.Of(new KmerSpanMasking())).SequenceLength.Should().Be(8);
        collator.Collate(Rows(Enumerable.Range(5, 10).ToArray()), 0, MaskingPhase.Of(new KmerSpanMasking())).SequenceLength.Should().Be(12);
    }

    [Test]
    public void Bad_rows_are_rejected_with_the_row_and_position()
    {
        var collator = new MlmCollator(new MlmCollatorOptions { MaxSequenceLength = 6 });
        var phase = MaskingPhase.Of(new KmerSpanMasking());
        FluentActions.Invoking(() => collator.Collate(Rows([5, 6], [5, 3]), 0, phase)).Should().Throw<ArgumentException>().WithMessage("Row 1, position 1: id 3*");
        FluentActions.Invoking(() => collator.Collate(Rows([5, 4101]), 0, phase)).Should().Throw<ArgumentException>().WithMessage("*id 4101*");
        FluentActions.Invoking(() => collator.Collate(Rows([5, 6, 7, 8, 9]), 0, phase)).Should().Throw<ArgumentException>().WithMessage("*5 k-mers*MaxSequenceLength = 6*");
        collator.Collate(Rows([5, SpecialTokens.Unknown, 7]), 0, phase).BatchSize.Should().Be(1);
    }

    [TestCase(0.9, 0.2, "*MaskTokenProbability + RandomTokenProbability must not exceed 1*0.9 + 0.2*")]
    [TestCase(-0.1, 0.1, "*MaskTokenProbability must be a probability in [0, 1], but is -0.1*")]
    [TestCase(0.8, double.NaN, "*RandomTokenProbability*NaN*")]
    public void Invalid_replacement_probabilities_are_rejected_with_the_values(double mask, double random, string message)
    {
        FluentActions.Invoking(() => new MlmCollator(new MlmCollatorOptions { MaskTokenProbability = mask, RandomTokenProbability = random }))
            .Should().Throw<OptionsValidationException>().WithMessage(message);
    }

    [Test]
    public void Strategy_options_are_validated_with_the_values()
    {
        FluentActions.Invoking(() => new KmerSpanMasking(new KmerSpanMaskingOptions { K = 9 })).Should().Throw<OptionsValidationException>().WithMessage("*K must be between 1 and 8, but is 9*");
        FluentActions.Invoking(() => new GeneMaskMasking(RealRows.Table, new GeneMaskMaskingOptions { Probability = 2 })).Should().Throw<OptionsValidationException>().WithMessage("*Probability*but is 2*");
        FluentActions.Invoking(() => new GlobalPmiMasking(RealRows.Table, new GlobalPmiMaskingOptions { RankLookup = (RankLookup)7 })).Should().Throw<OptionsValidationException>().WithMessage("*RankLookup must be one of ByToken, ByPosition, but is 7*");
    }

    [Test]
    public void Same_seed_and_batch_index_give_the_same_batch_and_others_differ()
    {
        var rows = Rows(RealRows.All[0], RealRows.All[1]);
        var phase = MaskingPhase.Of(new GeneMaskMasking(RealRows.Table));
        var a = new MlmCollator(new MlmCollatorOptions { Seed = 9 }).Collate(rows, 17, phase);
        var b = new MlmCollator(new MlmCollatorOptions { Seed = 9 }).Collate(rows, 17, phase);
        var otherBatch = new MlmCollator(new MlmCollatorOptions { Seed = 9 }).Collate(rows, 18, phase);
        var otherSeed = new MlmCollator(new MlmCollatorOptions { Seed = 10 }).Collate(rows, 17, phase);
        a.InputIds.Should().Equal(b.InputIds);
        a.Labels.Should().Equal(b.Labels);
        a.Labels.Should().NotEqual(otherBatch.Labels);
        a.Labels.Should().NotEqual(otherSeed.Labels);
    }

    [Test]
    public void Positions_do_not_depend_on_the_replacement_probabilities()
    {
        var rows = Rows(RealRows.All[5], RealRows.All[6]);
        var phase = MaskingPhase.Of(new KmerSpanMasking());
        var a = new MlmCollator(new MlmCollatorOptions { Seed = 3 }).Collate(rows, 1, phase);
        var b = new MlmCollator(new MlmCollatorOptions { Seed = 3, MaskTokenProbability = 0.5, RandomTokenProbability = 0.5 }).Collate(rows, 1, phase);
        a.Labels.Should().Equal(b.Labels);
    }

    [Test]
    public void Collating_into_a_reused_batch_allocates_nothing()
    {
        var table = RealRows.Table;
        var collator = new MlmCollator(new MlmCollatorOptions { Padding = PaddingMode.Fixed });
        var phases = new[] { MaskingPhase.Of(new RandomTokenMasking()), MaskingPhase.Of(new KmerSpanMasking()), MaskingPhase.Of(new GeneMaskMasking(table)), MaskingPhase.Of(new GlobalPmiMasking(table)) };
        var rows = new KmerRows();
        for (var r = 0; r < 10; r++)
        {
            rows.Add(RealRows.All[r]);
        }

        var batch = new MlmBatch();
        foreach (var phase in phases)
        {
            collator.Collate(rows, 0, phase, batch); // warm-up: buffers sized, pools filled, code jitted
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var b = 1; b <= 50; b++)
        {
            foreach (var phase in phases)
            {
                collator.Collate(rows, b, phase, batch);
            }
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Test]
    public void A_strategy_that_selects_a_special_position_is_caught()
    {
        var collator = new MlmCollator();
        FluentActions.Invoking(() => collator.Collate(Rows([5, 6]), 0, new MaskingPhase("bad", new SelectsClsStrategy(), 0.1)))
            .Should().Throw<InvalidOperationException>().WithMessage("*'bad-strategy' selected position 0 of row 0*");
    }

    private sealed class SelectsClsStrategy : IMaskingStrategy
    {
        public string Name => "bad-strategy";

        public string Description => Name;

        public double DefaultProbability => 0.1;

        public int SelectPositions(in MaskingBatch batch, double probability, ref SeededRandom random, Span<bool> selected)
        {
            selected.Clear();
            selected[0] = true;
            return 1;
        }
    }
}
