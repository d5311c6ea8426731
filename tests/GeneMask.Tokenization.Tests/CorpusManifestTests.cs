namespace GeneMask.Tokenization.Tests;

public class CorpusManifestTests
{
    [Test]
    public void The_manifest_refuses_a_file_of_another_build()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "a.txt"), "ACGT\n");
        File.WriteAllText(Path.Combine(folder.Path, "b.txt"), "TTTT\n");
        var manifest = CorpusManifest.Create(folder.Path, ["a.txt", "b.txt"]);
        manifest.Save(Path.Combine(folder.Path, CorpusManifest.FileName));
        CorpusManifest.Verify(folder.Path).ContentHash.Should().Be(manifest.ContentHash);

        File.WriteAllText(Path.Combine(folder.Path, "b.txt"), "GGGG\n"); // same length, other content
        var act = () => CorpusManifest.Verify(folder.Path);

        act.Should().Throw<GeneMaskFormatException>().Which.Message.Should().Contain("b.txt does not match").And.Contain(CorpusManifest.FileName);
    }
}
