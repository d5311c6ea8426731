using System.Text.Json;

namespace GeneMask.Samples.Tests;

public class MaskCommandTests
{
    private static string TempFile(string name) => Path.Combine(Path.GetTempPath(), $"genemask-mask-{Guid.NewGuid():N}-{name}");

    private static List<(int[] Original, int[] Input, int[] Labels)> ReadDump(string path) =>
        File.ReadAllLines(path).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            int[] Ints(string name) => doc.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();
            return (Ints("original_ids"), Ints("input_ids"), Ints("labels"));
        }).ToList();

    [Test]
    public void Mask_dumps_full_length_rows_whose_labels_and_inputs_agree_with_the_summary()
    {
        var dump = TempFile("masks.jsonl");
        try
        {
            var run = SampleRun.Start("mask", "--fasta", TestData.Genome("ecoli_536_NC_008253.fna.gz"), "--strategy", "global", "--rows", "300", "--seed", "1", "--dump", dump);
            run.ExitCode.Should().Be(0, run.Output);

            var rows = ReadDump(dump);
            rows.Should().HaveCount(300);
            long predicted = 0, masked = 0;
            foreach (var (original, input, labels) in rows)
            {
                original.Should().HaveCount(512);
                original[0].Should().Be(2);
                original[^1].Should().Be(3);
                original[1..^1].Should().OnlyContain(id => id >= 5 && id < 4101);
                for (var i = 0; i < 512; i++)
                {
                    if (labels[i] == -100)
                    {
                        input[i].Should().Be(original[i]);
                    }
                    else
                    {
                        labels[i].Should().Be(original[i]);
                        i.Should().BeInRange(1, 510);
                        input[i].Should().BeGreaterThanOrEqualTo(4, "[MASK] or a k-mer, never another special token");
                        predicted++;
                        masked += input[i] == 4 ? 1 : 0;
                    }
                }
            }

            var fraction = (100.0 * predicted / (300 * 510)).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
            run.Output.Should().Contain("global").And.Contain("predicted fraction").And.Contain(fraction + " %")
                .And.Contain(predicted.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).And.Contain("mean spans per row");
            ((double)masked / predicted).Should().BeInRange(0.75, 0.85);
        }
        finally
        {
            File.Delete(dump);
        }
    }

    [Test]
    public void Same_seed_gives_the_same_dump_and_compat_switches_change_it()
    {
        var a = TempFile("a.jsonl");
        var b = TempFile("b.jsonl");
        var c = TempFile("c.jsonl");
        try
        {
            SampleRun.Start("mask", "--strategy", "genemask", "--rows", "50", "--seed", "7", "--dump", a).ExitCode.Should().Be(0);
            SampleRun.Start("mask", "--strategy", "genemask", "--rows", "50", "--seed", "7", "--dump", b).ExitCode.Should().Be(0);
            var compat = SampleRun.Start("mask", "--strategy", "genemask", "--rows", "50", "--seed", "7", "--compat", "rank-by-position", "keep-all-centres", "--dump", c);
            compat.ExitCode.Should().Be(0, compat.Output);
            compat.Output.Should().Contain("compat:").And.Contain("rank-by-position").And.Contain("keep-all-centres");
            File.ReadAllText(a).Should().Be(File.ReadAllText(b));
            File.ReadAllText(a).Should().NotBe(File.ReadAllText(c));
        }
        finally
        {
            File.Delete(a);
            File.Delete(b);
            File.Delete(c);
        }
    }

    [Test]
    public void Unknown_strategy_or_switch_is_a_usage_error()
    {
        SampleRun.Start("mask", "--strategy", "everything").ExitCode.Should().NotBe(0);
        SampleRun.Start("mask", "--compat", "be-wrong").ExitCode.Should().NotBe(0);
    }
}
