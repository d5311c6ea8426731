namespace GeneMask.Evaluation.Tests;

internal sealed class ListProgress<T> : IProgress<T>
{
    public List<T> Reports { get; } = [];

    public void Report(T value) => Reports.Add(value);
}
