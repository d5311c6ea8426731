namespace GeneMask.Pmi.Tests;

public class AccumulatorFlushTests
{
    [Test]
    public void Flushing_32_bit_counters_into_64_bit_totals_loses_nothing()
    {
        // The real threshold is 2^32 bases; a tiny one exercises the same path.
        var random = new Random(5);
        var pieces = Enumerable.Range(0, 50).Select(_ => new string(Enumerable.Range(0, random.Next(1, 90)).Select(_ => "ACGTN"[random.Next(5)]).ToArray())).ToList();
        var accumulator = new NgramAccumulator(5, flushEvery: 100);
        foreach (var piece in pieces)
        {
            accumulator.Add(System.Text.Encoding.ASCII.GetBytes(piece));
        }

        var arrays = NgramCounts.AllocateArrays(5);
        accumulator.AddTo(arrays);
        new NgramCounts(5, arrays).ShouldEqual(Reference.CountByBruteForce([string.Concat(pieces)], 5), 5);
    }
}
