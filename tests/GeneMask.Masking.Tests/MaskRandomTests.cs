using GeneMask.Infrastructure;

namespace GeneMask.Masking.Tests;

public class MaskRandomTests
{
    [Test]
    public void Output_is_xoshiro256starstar_seeded_by_SplitMix64_as_computed_independently()
    {
        // Values from an independent Python implementation of SplitMix64 + xoshiro256** (SplitMix64(0) = 0xE220A8397B1DCDAF).
        var random = new SeededRandom(42);
        random.NextUInt64().Should().Be(1546998764402558742UL);
        random.NextUInt64().Should().Be(6990951692964543102UL);
        random.NextUInt64().Should().Be(12544586762248559009UL);

        var batch = MaskRandom.ForBatch(7, 3, MaskRandomPurpose.Positions);
        batch.NextUInt64().Should().Be(15038917777005755120UL);
        batch.NextUInt64().Should().Be(12533651706188772574UL);
    }

    [Test]
    public void Batch_generators_differ_by_seed_batch_and_purpose()
    {
        var values = new HashSet<ulong>();
        foreach (var seed in new ulong[] { 0, 1, 2 })
        {
            for (var b = 0L; b < 100; b++)
            {
                foreach (var purpose in Enum.GetValues<MaskRandomPurpose>())
                {
                    values.Add(MaskRandom.ForBatch(seed, b, purpose).NextUInt64());
                }
            }
        }

        values.Should().HaveCount(3 * 100 * 3);
    }

    [Test]
    public void NextInt_is_uniform_chi_square()
    {
        var random = new SeededRandom(5);
        const int bins = 4096, draws = 4096 * 100;
        var counts = new int[bins];
        for (var i = 0; i < draws; i++)
        {
            counts[random.NextInt(bins)]++;
        }

        var expected = (double)draws / bins;
        var chi = counts.Sum(c => (c - expected) * (c - expected) / expected);
        // 4095 degrees of freedom: mean 4095, sd ≈ 90.5; 5 sd either side.
        chi.Should().BeInRange(4095 - (5 * 90.5), 4095 + (5 * 90.5));
    }

    [Test]
    public void Threshold_is_exact_at_the_ends_and_rejects_non_probabilities()
    {
        MaskRandom.Threshold32(0).Should().Be(0UL);
        MaskRandom.Threshold32(1).Should().Be(1UL << 32);
        MaskRandom.Bernoulli32(uint.MaxValue, MaskRandom.Threshold32(1)).Should().BeTrue();
        MaskRandom.Bernoulli32(0, MaskRandom.Threshold32(0)).Should().BeFalse();
        FluentActions.Invoking(() => MaskRandom.Threshold32(1.5)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1.5*");
        FluentActions.Invoking(() => MaskRandom.Threshold32(double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
