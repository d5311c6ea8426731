namespace GeneMask.Masking.Tests;

/// <summary>The first program a user writes (the README's and the Masking package README's): tokenize, mask, collate.</summary>
public class FirstProgramTests
{
    [Test]
    public void Bare_kmer_ids_from_the_tokenizer_go_straight_into_the_collator()
    {
        const string bases = "ACGTTGCAAGGCTTACCGATCGATCGGATCCATGCAAGTCCGATGCATGCCGTAGCTAGCTTAGGCAN";
        var tokenizer = KmerTokenizer.Create(k: 6);
        int[] row = tokenizer.EncodeKmers(bases);

        var phase = MaskingPhase.Of(new GeneMaskMasking(PmiTable.LoadDefault()), 0.2);
        var batch = new MlmCollator(new MlmCollatorOptions { Seed = 42 }).Collate([row], batchIndex: 0, phase);

        // [CLS] + 63 k-mers ([UNK] last, for the N) + [SEP]; the originals come back unchanged.
        batch.SequenceLength.Should().BeGreaterThanOrEqualTo(row.Length + 2);
        batch.OriginalIds[0].Should().Be(SpecialTokens.Cls);
        batch.OriginalIds.Slice(1, row.Length).ToArray().Should().Equal(row);
        batch.OriginalIds[row.Length + 1].Should().Be(SpecialTokens.Sep);
        row[^1].Should().Be(SpecialTokens.Unknown);
        var predicted = Enumerable.Range(0, batch.ElementCount).Where(i => batch.Labels[i] != MlmBatch.IgnoreLabel).ToList();
        predicted.Should().NotBeEmpty();
        var original = batch.OriginalIds.ToArray();
        predicted.Should().OnlyContain(i => batch.Labels[i] == original[i] && i > 0 && i <= row.Length);
    }

    [Test]
    public void The_wrapped_row_of_Encode_is_refused_with_a_pointer_to_EncodeKmers()
    {
        var tokenizer = KmerTokenizer.Create(k: 6);
        var wrapped = tokenizer.Encode("ACGTTGCAAGGCTTACCGATCG");

        var act = () => new MlmCollator().Collate([wrapped], 0, MaskingPhase.Of(new KmerSpanMasking()));

        act.Should().Throw<ArgumentException>().WithMessage("*id 2 is not a k-mer id*EncodeKmers*");
    }
}
