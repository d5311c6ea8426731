namespace GeneMask.Tokenization.Tests;

public class TokenCorpusTests
{
    [TestCase(6, 2)]
    [TestCase(8, 4)]
    public void Rows_round_trip_with_the_id_width_of_the_vocabulary(int k, int idWidth)
    {
        using var folder = new TempFolder();
        var path = folder.File("rows.tokens");
        var random = new Random(k);
        var vocabulary = KmerTokenizer.Create(k).VocabularySize;
        var rows = Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, random.Next(0, 600)).Select(_ => random.Next(vocabulary)).ToArray()).ToList();

        using (var writer = TokenCorpusWriter.Create(path, k))
        {
            foreach (var row in rows)
            {
                writer.AddRow(row);
            }

            File.Exists(path).Should().BeFalse("the file appears only when complete");
            writer.Complete();
        }

        var tokens = rows.Sum(r => (long)r.Length);
        new FileInfo(path).Length.Should().Be(64 + (tokens * idWidth) + ((rows.Count + 1) * 8));
        using var corpus = TokenCorpus.Open(path);
        corpus.K.Should().Be(k);
        corpus.RowCount.Should().Be(rows.Count);
        corpus.TokenCount.Should().Be(tokens);
        corpus.MaxRowLength.Should().Be(rows.Max(r => r.Length));
        var buffer = new int[600];
        for (var r = 0; r < rows.Count; r++)
        {
            corpus.RowLength(r).Should().Be(rows[r].Length);
            var count = corpus.CopyRow(r, buffer);
            buffer.AsSpan(0, count).ToArray().Should().Equal(rows[r]);
        }
    }

    [Test]
    public void Disposing_without_complete_leaves_nothing()
    {
        using var folder = new TempFolder();
        using (var writer = TokenCorpusWriter.Create(folder.File("x.tokens")))
        {
            writer.AddRow([5, 6, 7]);
        }

        Directory.EnumerateFileSystemEntries(folder.Path).Should().BeEmpty();
    }

    [Test]
    public void Ids_outside_the_vocabulary_are_refused()
    {
        using var folder = new TempFolder();
        using var writer = TokenCorpusWriter.Create(folder.File("x.tokens"), 3);
        var act = () => writer.AddRow([5, 69]);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*between 0 and 68*");
    }

    [Test]
    public void Corrupt_files_name_the_file_and_the_problem()
    {
        using var folder = new TempFolder();
        var path = folder.File("good.tokens");
        using (var writer = TokenCorpusWriter.Create(path))
        {
            writer.AddRow([5, 6, 7]);
            writer.AddRow([8]);
            writer.Complete();
        }

        var good = File.ReadAllBytes(path);
        var notCorpus = folder.Write("text.tokens", "ACGTAC CGTACG\n");
        var truncated = folder.Write("cut.tokens", good[..^3]);
        var badVersion = (byte[])good.Clone();
        badVersion[8] = 9;
        var version = folder.Write("version.tokens", badVersion);
        var badId = (byte[])good.Clone();
        badId[64] = 0xFF;
        badId[65] = 0xFF;
        var id = folder.Write("id.tokens", badId);

        FluentActions.Invoking(() => TokenCorpus.Open(notCorpus)).Should().Throw<FormatException>().WithMessage($"{notCorpus}: not a valid GeneMask token corpus*");
        FluentActions.Invoking(() => TokenCorpus.Open(truncated)).Should().Throw<FormatException>().WithMessage($"{truncated}:*does not match the file length*");
        FluentActions.Invoking(() => TokenCorpus.Open(version)).Should().Throw<FormatException>().WithMessage($"{version}:*version 9*");
        using var corpus = TokenCorpus.Open(id);
        FluentActions.Invoking(() => corpus.CopyRow(0, new int[3])).Should().Throw<FormatException>().WithMessage($"{id}: corrupt*row 0 holds id 65535*");
    }
}
