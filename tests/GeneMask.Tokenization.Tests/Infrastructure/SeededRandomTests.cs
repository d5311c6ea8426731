using GeneMask.Infrastructure;

namespace GeneMask.Infrastructure.Tests;

public class SeededRandomTests
{
    [Test]
    public void Shuffle_is_fisher_yates_from_the_end_with_one_draw_per_position()
    {
        var values = Enumerable.Range(0, 10).ToArray();
        var random = new SeededRandom(7);
        random.Shuffle(values.AsSpan());

        // The same swaps written out: position i (from the end) swaps with a draw in [0, i].
        var expected = Enumerable.Range(0, 10).ToArray();
        var reference = new SeededRandom(7);
        for (var i = expected.Length - 1; i > 0; i--)
        {
            var j = reference.NextInt(i + 1);
            (expected[i], expected[j]) = (expected[j], expected[i]);
        }

        values.Should().Equal(expected);
        values.Should().BeEquivalentTo(Enumerable.Range(0, 10));
        random.NextUInt64().Should().Be(reference.NextUInt64(), "the shuffle drew exactly one number per position");
    }

    [Test]
    public void Shuffle_reaches_every_order_about_equally_often()
    {
        var random = new SeededRandom(11);
        var counts = new Dictionary<string, int>();
        var values = new int[3];
        for (var n = 0; n < 6_000; n++)
        {
            values[0] = 0;
            values[1] = 1;
            values[2] = 2;
            random.Shuffle(values.AsSpan());
            var key = string.Join(",", values);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        // 6 orders, 1,000 expected each; the binomial's standard deviation is 29, so ±150 is more than 5 of them.
        counts.Should().HaveCount(6);
        counts.Values.Should().OnlyContain(c => c > 850 && c < 1_150);
    }
}
