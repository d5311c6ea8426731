using System.Text;

namespace GeneMask.Pmi.Tests;

public class CountingTests
{
    [Test]
    public void Hand_worked_sequence_counts()
    {
        // ACGTAC: 1-grams A2 C2 G1 T1; 2-grams AC2 CG1 GT1 TA1; 3-grams ACG CGT GTA TAC one each.
        var counts = NgramCounter.Count("ACGTAC", 3);

        counts.Count("A").Should().Be(2);
        counts.Count("C").Should().Be(2);
        counts.Count("G").Should().Be(1);
        counts.Count("T").Should().Be(1);
        counts.Count("AC").Should().Be(2);
        counts.Count("CG").Should().Be(1);
        counts.Count("GT").Should().Be(1);
        counts.Count("TA").Should().Be(1);
        counts.Count("CA").Should().Be(0);
        counts.Count("ACG").Should().Be(1);
        counts.Count("TAC").Should().Be(1);
        counts.Windows(1).Should().Be(6);
        counts.Windows(2).Should().Be(5);
        counts.Windows(3).Should().Be(4);
    }

    [Test]
    public void Windows_do_not_cross_N_or_record_ends_and_lower_case_counts_as_upper()
    {
        var counter = new NgramCounter(3);
        counter.Append("acNgt");
        counter.EndSequence();
        counter.Append("TA");
        counter.Append("C"); // continues the record: TAC is a window
        var counts = counter.ToCounts();

        // Windows: a,c | g,t | T,A,C ; ac, gt, TA, AC ; TAC. Not "cg"/"tT" (N / record end).
        counts.Count("AC").Should().Be(2);
        counts.Count("GT").Should().Be(1);
        counts.Count("TA").Should().Be(1);
        counts.Count("CG").Should().Be(0);
        counts.Count("TT").Should().Be(0);
        counts.Count("TAC").Should().Be(1);
        counts.Windows(1).Should().Be(7);
        counts.Windows(2).Should().Be(4);
        counts.Windows(3).Should().Be(1);
    }

    [TestCase(1, 1)]
    [TestCase(3, 2)]
    [TestCase(6, 3)]
    [TestCase(8, 4)]
    [TestCase(10, 5)]
    public void Random_sequences_with_gaps_match_brute_force(int k, int seed)
    {
        var random = new Random(seed);
        var alphabet = "ACGTacgtNnRY-";
        var sequences = Enumerable.Range(0, 20).Select(_ =>
            new string(Enumerable.Range(0, random.Next(0, 300)).Select(_ => random.Next(10) < 9 ? "ACGT"[random.Next(4)] : alphabet[random.Next(alphabet.Length)]).ToArray())).ToList();

        var counter = new NgramCounter(k);
        foreach (var sequence in sequences)
        {
            // Feed in uneven pieces: the rolling state must carry across calls.
            for (var start = 0; start < sequence.Length;)
            {
                var length = Math.Min(sequence.Length - start, random.Next(1, 17));
                counter.Append(sequence.Substring(start, length));
                start += length;
            }

            counter.EndSequence();
        }

        counter.ToCounts().ShouldEqual(Reference.CountByBruteForce(sequences, k), k);
    }

    [Test]
    public void Both_strands_of_a_palindrome_double_every_count()
    {
        // GAATTC (EcoRI site) is its own reverse complement, as is the whole sequence.
        const string palindrome = "GAATTCGAATTC";
        Reference.ReverseComplement("GAATTCGAATTC").Should().Be("GAATTCGAATTC");
        var single = NgramCounter.Count(palindrome, 4);
        var both = NgramCounter.Count(palindrome, 4, bothStrands: true);

        for (var n = 1; n <= 4; n++)
        {
            both.Windows(n).Should().Be(2 * single.Windows(n));
            for (var code = 0; code < 1 << (2 * n); code++)
            {
                both.Count(n, code).Should().Be(2 * single.Count(n, code));
            }
        }
    }

    [Test]
    public void Both_strands_equal_counting_the_sequence_and_its_reverse_complement()
    {
        const string sequence = "AACGTTTGCANNGGGATCCAT";
        var both = NgramCounter.Count(sequence, 5, bothStrands: true);
        both.ShouldEqual(Reference.CountByBruteForce([sequence, Reference.ReverseComplement(sequence)], 5), 5);
        both.Count("AA").Should().Be(1 + 2); // AA forward once; TT twice forward → AA twice on the reverse strand
    }

    [Test]
    public void Parallel_counting_is_identical_for_any_degree_of_parallelism_and_chunk_size()
    {
        // The chr2 fragment: N runs and soft-masked lower case, one long record cut into many chunks.
        var records = Reference.ReadFasta(TestData.Genome("hg38_chr2_1-2333275.fa.gz"));
        var bases = records.Single().Bases;
        var expected = NgramCounter.Count(bases, 8);

        foreach (var (workers, chunk) in new[] { (1, 1 << 22), (2, 1024), (3, 4099), (7, 65_537) })
        {
            var counter = GenomeCounter.Create(new NgramCountingOptions { K = 8, MaxDegreeOfParallelism = workers, ChunkSize = chunk });
            counter.CountSequence(bases).ContentEquals(expected).Should().BeTrue($"{workers} workers, chunks of {chunk}");
        }

        expected.Bases.Should().Be(2_333_275 - 10_000, "the fragment holds 10,000 N");
    }

    [Test]
    public void Several_records_in_parallel_equal_a_sequential_count_and_do_not_join()
    {
        var records = Reference.ReadFasta(TestData.Genome("celegans_fragments.fa"));
        records.Should().HaveCount(7);
        var sequential = new NgramCounter(6, bothStrands: true);
        foreach (var (_, bases) in records)
        {
            sequential.Append(bases);
            sequential.EndSequence();
        }

        var parallel = GenomeCounter.Create(new NgramCountingOptions { K = 6, BothStrands = true, MaxDegreeOfParallelism = 2, ChunkSize = 5000 })
            .CountSequences(records.Select(r => (ReadOnlyMemory<byte>)r.Bases));
        parallel.ContentEquals(sequential.ToCounts()).Should().BeTrue();

        // Each record of length L gives L − 5 6-mer windows per strand when it has no gaps.
        var valid = records.Sum(r => (long)r.Bases.Count(b => "ACGTacgt".Contains((char)b, StringComparison.Ordinal)));
        parallel.Windows(1).Should().Be(2 * valid);
    }

    [TestCase(0)]
    [TestCase(13)]
    public void K_out_of_range_is_rejected_with_the_value(int k)
    {
        var act = () => new NgramCounter(k);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"*{k}*");
        var options = () => GenomeCounter.Create(new NgramCountingOptions { K = k });
        options.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage($"*K = {k}*");
    }

    [Test]
    public void Empty_input_and_input_without_bases_are_rejected()
    {
        var counter = GenomeCounter.Create(new NgramCountingOptions { K = 4 });
        var empty = () => counter.CountSequences([]);
        empty.Should().Throw<PmiFormatException>().WithMessage("*no A/C/G/T*");
        var noBases = () => counter.CountSequence(Encoding.ASCII.GetBytes("NNNNRYKM--nn"));
        noBases.Should().Throw<PmiFormatException>().WithMessage("*no A/C/G/T*");
    }

    [Test]
    public void Merge_uses_64_bit_sums_and_reports_overflow()
    {
        var big = Reference.FromDictionary(1, new Dictionary<string, long> { ["A"] = 3_000_000_000L });
        var merged = NgramCounts.Merge([big, big, big]);
        merged.Count("A").Should().Be(9_000_000_000L);
        merged.Windows(1).Should().Be(9_000_000_000L);

        var huge = Reference.FromDictionary(1, new Dictionary<string, long> { ["A"] = long.MaxValue - 1 });
        var overflow = () => NgramCounts.Merge([huge, huge]);
        overflow.Should().Throw<OverflowException>();
    }
}
