namespace GeneMask.Evaluation.Datasets;

/// <summary>An upstream few-shot training file: <c>{Shots}/train.tsv</c> with <see cref="ExamplesPerClass"/> examples of every class.</summary>
/// <param name="Shots">The n of the folder name (10 or 50 upstream).</param>
/// <param name="ExamplesPerClass">Examples of each class actually in the file (upstream Splice-40 and Silencer hold 10·n).</param>
public sealed record FewShotFixture(int Shots, int ExamplesPerClass)
{
    /// <summary>The file inside the task folder.</summary>
    public string RelativePath => Path.Combine(Shots.ToString(System.Globalization.CultureInfo.InvariantCulture), "train.tsv");
}
