using GeneMask.Evaluation.Datasets;
using GeneMask.Evaluation.Metrics;
using GeneMask.Evaluation.Statistics;

namespace GeneMask.Evaluation.Tests;

/// <summary>The example of the package README (src/GeneMask.Evaluation/README.md), on the shipped data.</summary>
public class ReadmeExampleTests
{
    [Test]
    public void The_readme_example_runs()
    {
        TaskData data = TaskLoader.Load(TaskCatalog.PromCoreTata, TestData.Root);
        var scores = ClassificationScores.Compute([0, 1, 1, 0], [0, 1, 0, 0], classCount: 2);
        var test = PairedTTest.Compute([0.61, 0.63, 0.60], [0.58, 0.59, 0.57]);

        data.Train.Should().HaveCount(4904);
        data.Descriptor.SequenceLength.Should().Be(70);
        scores.Accuracy.Should().Be(0.75);
        // MCC of TP 1, TN 2, FP 0, FN 1: (1·2 − 0·1) / √(1·2·3·2) = 2 / √12.
        scores.Mcc.Should().BeApproximately(2 / Math.Sqrt(12), 1e-12);
        test.DegreesOfFreedom.Should().Be(2);
    }
}
