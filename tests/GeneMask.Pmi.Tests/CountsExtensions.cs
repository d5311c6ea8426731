namespace GeneMask.Pmi.Tests;

internal static class CountsExtensions
{
    public static long Counts6Sum(this NgramCounts counts)
    {
        long sum = 0;
        foreach (var c in counts.CountsOfLength(6))
        {
            sum += c;
        }

        return sum;
    }
}
