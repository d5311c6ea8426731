using GeneMask.Tokenization;

namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>Fixtures that train on the chr2 test corpus (<see cref="Tiny.Chr2CorpusDirectory"/>), opened once per fixture.</summary>
public abstract class Chr2CorpusFixture
{
    /// <summary>The training rows.</summary>
    protected TokenCorpus Train { get; private set; } = null!;

    /// <summary>The validation rows.</summary>
    protected TokenCorpus Validation { get; private set; } = null!;

    [OneTimeSetUp]
    public void OpenCorpus()
    {
        var corpus = Tiny.Chr2CorpusDirectory;
        Train = TokenCorpus.Open(Path.Combine(corpus, PretrainingCorpusBuilder.TrainTokensFile));
        Validation = TokenCorpus.Open(Path.Combine(corpus, PretrainingCorpusBuilder.ValidationTokensFile));
    }

    [OneTimeTearDown]
    public void CloseCorpus()
    {
        Train.Dispose();
        Validation.Dispose();
    }
}
