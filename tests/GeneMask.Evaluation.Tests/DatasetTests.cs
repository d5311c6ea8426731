using GeneMask.Evaluation;
using GeneMask.Evaluation.Datasets;
using Microsoft.Extensions.Options;

namespace GeneMask.Evaluation.Tests;

public class DatasetTests
{
    private static int[] ClassCounts(IReadOnlyList<LabelledSequence> examples, int classes)
    {
        var counts = new int[classes];
        foreach (var e in examples)
        {
            counts[e.Label]++;
        }

        return counts;
    }

    [Test]
    [Category(TestData.SharedDataCategory)]
    public void PromCoreAll_loads_with_the_published_counts_and_balance()
    {
        var data = TaskLoader.Load(TaskCatalog.PromCoreAll, TestData.Shared);

        data.TrainingSplit.Should().Be(TaskSplit.Train);
        data.Notes.Should().BeEmpty();
        ClassCounts(data.Train!, 2).Should().Equal(23705, 23651);
        ClassCounts(data.Dev!, 2).Should().Equal(2941, 2979);
        ClassCounts(data.Test!, 2).Should().Equal(2952, 2968);
        data.Train!.Concat(data.Dev!).Concat(data.Test!).Should().OnlyContain(e => e.Bases.Length == 70);
        data.Train![0].Should().Be(new LabelledSequence("GCTAGCTCATCTTGCGGCTGGGCGGGGCCCAGGACTGCTGCTGCTGACCGCCTTGATAGGCTACACCGTG", 1));
    }

    [Test]
    [Category(TestData.SharedDataCategory)]
    public void Splice_has_three_classes_and_trains_on_dev_because_train_is_missing()
    {
        // GUE promises train; the shipped copy lacks it, which the loader detects.
        var task = TaskCatalog.SpliceReconstructed;
        task.TrainingSplit.Should().Be(TaskSplit.Train);

        var data = TaskLoader.Load(task, TestData.Shared);

        data.TrainingSplit.Should().Be(TaskSplit.Dev);
        data.Dev.Should().BeNull("dev is used for training, so nothing is left for checkpoint selection");
        ClassCounts(data.Train!, 3).Should().Equal(1001, 987, 2574);
        ClassCounts(data.Test!, 3).Should().Equal(956, 1025, 2581);
        data.Train!.Concat(data.Test!).Should().OnlyContain(e => e.Bases.Length == 400);
        data.Notes.Should().ContainSingle().Which.Should().Contain("dev split (4562 examples) is used for training");
    }

    [Test]
    public void The_shipped_gue_task_loads_with_its_row_counts() => GueTaskLoads(TestData.Root, "prom_core_tata", 4904, 613, 613);

    [TestCase("prom_core_tata", 4904, 613, 613)]
    [TestCase("prom_300_tata", 4904, 613, 613)]
    [TestCase("tf_0", 32378, 1000, 1000)]
    [TestCase("mouse_0", 6478, 810, 810)]
    [TestCase("EMP_H3", 0, 1497, 1497)]
    [Category(TestData.SharedDataCategory)]
    public void Every_gue_task_of_the_catalogue_loads_with_its_row_counts(string name, int train, int dev, int test) =>
        GueTaskLoads(TestData.Shared, name, train, dev, test);

    private static void GueTaskLoads(string root, string name, int train, int dev, int test)
    {
        var task = TaskCatalog.Get(name);
        var data = TaskLoader.Load(task, root);

        if (train > 0)
        {
            data.Train.Should().HaveCount(train);
            data.Dev.Should().HaveCount(dev);
        }
        else
        {
            data.Train.Should().HaveCount(dev);
            data.Dev.Should().BeNull();
        }

        data.Test.Should().HaveCount(test);
        data.Test!.Should().OnlyContain(e => e.Bases.Length >= task.MinLength && e.Bases.Length <= task.MaxLength);
    }

    [TestCase("Prom-core", 10, 10)]
    [TestCase("Prom-core", 50, 50)]
    [TestCase("Splice-40", 10, 100)]
    [TestCase("Splice-40", 50, 500)]
    public void Few_shot_fixtures_load_balanced_with_quotes_stripped(string name, int shots, int perClass) =>
        FixtureLoads(TestData.Root, name, shots, perClass);

    [TestCase("Prom-300", 10, 10)]
    [TestCase("Prom-300", 50, 50)]
    [TestCase("Cohn-enh", 10, 10)]
    [TestCase("Cohn-enh", 50, 50)]
    [TestCase("Silencer", 10, 100)]
    [TestCase("Silencer", 50, 500)]
    [Category(TestData.SharedDataCategory)]
    public void Few_shot_fixtures_of_every_task_load_balanced(string name, int shots, int perClass) =>
        FixtureLoads(TestData.Shared, name, shots, perClass);

    private static void FixtureLoads(string root, string name, int shots, int perClass)
    {
        var task = TaskCatalog.Get(name);
        var examples = TaskLoader.ReadFixture(task, root, shots);

        ClassCounts(examples, task.ClassCount).Should().OnlyContain(c => c == perClass);
        examples.Should().OnlyContain(e => e.Bases.Length >= task.MinLength && e.Bases.Length <= task.MaxLength);
        examples.Should().OnlyContain(e => e.Bases.All(c => "ACGTN".Contains(c)), "quotes must never reach the sequence");
    }

    [Test]
    public void Kmer_text_is_joined_back_into_the_bases_an_independent_conversion_gives()
    {
        var path = TestData.Path("fewshot", "Prom-core", "10", "train.tsv");
        var lines = File.ReadAllLines(path);
        var examples = TaskLoader.ReadFixture(TaskCatalog.FewShotPromCore, TestData.Root, 10);

        examples.Should().HaveCount(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split('\t');
            var kmers = fields[0].Trim('"').Split(' ');
            var expected = kmers[0] + string.Concat(kmers.Skip(1).Select(k => k[^1]));
            examples[i - 1].Bases.Should().Be(expected);
            examples[i - 1].Label.Should().Be(int.Parse(fields[1].Trim('"'), System.Globalization.CultureInfo.InvariantCulture));
        }

        examples[0].Bases.Should().StartWith("AAACGGAAAAGATTCCGTGCC");
    }

    [Test]
    public void The_shipped_few_shot_test_split_loads()
    {
        var test = TaskLoader.ReadSplit(TaskCatalog.FewShotPromCore, TestData.Root, TaskSplit.Test);
        ClassCounts(test, 2).Should().Equal(2926, 2994);
    }

    [TestCase("Prom-core", 2926, 2994)]
    [TestCase("Silencer", 794, 863)]
    [Category(TestData.SharedDataCategory)]
    public void Few_shot_test_splits_load(string name, int class0, int class1)
    {
        var task = TaskCatalog.Get(name);
        var test = TaskLoader.ReadSplit(task, TestData.Shared, TaskSplit.Test);
        ClassCounts(test, 2).Should().Equal(class0, class1);
    }

    [Test]
    public void Splice40_test_has_three_classes_of_40_bases()
    {
        var test = TaskLoader.ReadSplit(TaskCatalog.FewShotSplice40, TestData.Root, TaskSplit.Test);
        ClassCounts(test, 3).Should().Equal(1048, 986, 966);
        test.Should().OnlyContain(e => e.Bases.Length == 40);
    }

    [Test]
    [Category(TestData.SharedDataCategory)]
    public void Silencer_sequences_vary_in_length_within_the_promised_range()
    {
        var test = TaskLoader.ReadSplit(TaskCatalog.FewShotSilencer, TestData.Shared, TaskSplit.Test);
        test.Min(e => e.Bases.Length).Should().Be(101);
        test.Max(e => e.Bases.Length).Should().Be(298);
        TaskCatalog.FewShotSilencer.SequenceLength.Should().BeNull();
    }

    [Test]
    public void A_split_the_task_does_not_have_is_a_missing_split_error()
    {
        var act = () => TaskLoader.ReadSplit(TaskCatalog.FewShotPromCore, TestData.Root, TaskSplit.Train);
        act.Should().Throw<DatasetFormatException>().WithMessage("*train.tsv*missing split 'Train'*");

        var fixture = () => TaskLoader.ReadFixture(TaskCatalog.FewShotPromCore, TestData.Root, 100);
        fixture.Should().Throw<DatasetFormatException>().WithMessage("*100*train.tsv*missing split*10, 50*");
    }

    [Test]
    public void A_listed_split_whose_file_is_absent_is_named()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "gue", "prom", "prom_core_all"));
        File.WriteAllText(Path.Combine(folder.Path, "gue", "prom", "prom_core_all", "test.csv"), "sequence,label\n" + new string('A', 70) + ",0\n");

        var act = () => TaskLoader.Load(TaskCatalog.PromCoreAll, folder.Path);

        act.Should().Throw<DatasetFormatException>().WithMessage("*prom_core_all*train.csv*missing split file*");
    }

    [Test]
    public void A_folder_where_a_split_file_belongs_is_named_a_folder()
    {
        using var folder = new TempFolder();
        var task = Path.Combine(folder.Path, "gue", "prom", "prom_core_tata");
        Directory.CreateDirectory(Path.Combine(task, "test.csv"));
        foreach (var split in new[] { "train", "dev" })
        {
            File.WriteAllText(Path.Combine(task, split + ".csv"), "sequence,label\n" + new string('A', 70) + ",0\n");
        }

        var act = () => TaskLoader.Load(TaskCatalog.PromCoreTata, folder.Path);
        act.Should().Throw<DatasetFormatException>().WithMessage("*test.csv: is a folder*");

        // Also where a missing train split would otherwise let dev stand in for it.
        Directory.Delete(Path.Combine(task, "test.csv"));
        File.WriteAllText(Path.Combine(task, "test.csv"), "sequence,label\n" + new string('A', 70) + ",0\n");
        File.Delete(Path.Combine(task, "train.csv"));
        Directory.CreateDirectory(Path.Combine(task, "train.csv"));
        act.Should().Throw<DatasetFormatException>().WithMessage("*train.csv: is a folder*");
        var direct = () => DatasetReader.ReadGueCsv(Path.Combine(task, "train.csv"));
        direct.Should().Throw<DatasetFormatException>().WithMessage("*train.csv: is a folder*");
    }

    [Test]
    public void Binary_content_is_quoted_as_codes_and_shortened()
    {
        var binary = "\u001b[2J\u0000\u0001" + new string('\uFFFD', 100) + ",label";
        var act = () => DatasetReader.ReadGueCsv(new StringReader(binary + "\nACGT,0\n"), "bin.csv");
        var message = act.Should().Throw<DatasetFormatException>().Which.Message;
        message.Should().Contain("line 1: header '0x1B[2J0x000x01U+FFFD").And.Contain("… (112 characters)");
        message.Should().NotContainAny("\u001b", "\u0000", "\uFFFD");

        var label = () => DatasetReader.ReadGueCsv(new StringReader("sequence,label\nACGT,\u0007\n"), "bin.csv");
        label.Should().Throw<DatasetFormatException>().WithMessage("bin.csv, line 2: label '0x07' is not an integer");
        var character = () => DatasetReader.ReadGueCsv(new StringReader("sequence,label\nAC\u0002T,0\n"), "bin.csv");
        character.Should().Throw<DatasetFormatException>().WithMessage("bin.csv, line 2: character 0x02 at position 3*");
    }

    [Test]
    public void WithSplitsFoundIn_detects_a_full_download_with_train()
    {
        using var folder = new TempFolder();
        foreach (var split in new[] { "train", "dev", "test" })
        {
            File.WriteAllText(Path.Combine(folder.Path, split + ".csv"), "sequence,label\n");
        }

        var task = TaskCatalog.SpliceReconstructed.WithSplitsFoundIn(folder.Path);
        task.Splits.Should().Equal(TaskSplit.Train, TaskSplit.Dev, TaskSplit.Test);
        task.TrainingSplitStandsIn.Should().BeFalse();
    }

    private static readonly DatasetReadOptions TwoClassesLength8 = new() { ClassCount = 2, MinLength = 8, MaxLength = 8 };

    [TestCase("sequence,label\nACGTACGT,0\nACGTACGT,2\n", "line 3: unknown label 2; expected 0 … 1 (2 classes)")]
    [TestCase("sequence,label\nACGTACGT,0\nACGTACGT,1.0\n", "line 3: label '1.0' is not an integer")]
    [TestCase("sequence,label\nACGTACGT,x\n", "line 2: label 'x' is not an integer")]
    [TestCase("sequence,label\nACGTACGT,-1\n", "line 2: unknown label -1*")]
    [TestCase("sequence,label\nACGTACGT,0\n,1\n", "line 3: empty sequence")]
    [TestCase("sequence,label\nACGTACGT,0\nACGTACG,1\n", "line 3: sequence of 7 bases; the task promises 8 bases")]
    [TestCase("sequence,label\nACGTACGX,0\n", "line 2: character 'X' at position 8*")]
    [TestCase("sequence,label\nACGTACGT,0\n\nACGTACGT,1\n", "line 3: empty line*")]
    [TestCase("sequence,label\nACGTACGT;0\n", "line 2: expected 2 fields*")]
    [TestCase("seq,lab\nACGTACGT,0\n", "line 1: header 'seq,lab'; expected 'sequence,label'")]
    [TestCase("", "*empty file*")]
    [TestCase("sequence,label\n", "*no examples after the header")]
    public void Csv_errors_name_the_file_and_line(string text, string expected)
    {
        var act = () => DatasetReader.ReadGueCsv(new StringReader(text), "bad.csv", TwoClassesLength8);
        act.Should().Throw<DatasetFormatException>().WithMessage("bad.csv*" + expected);
    }

    [Test]
    public void Mixed_lengths_are_an_error_where_one_length_is_required()
    {
        var options = new DatasetReadOptions { ClassCount = 2, RequireUniformLength = true };
        var act = () => DatasetReader.ReadGueCsv(new StringReader("sequence,label\nACGT,0\nACGT,1\nACGTA,0\n"), "mixed.csv", options);
        act.Should().Throw<DatasetFormatException>().WithMessage("mixed.csv, line 4: sequence of 5 bases, but line 2 has 4*")
            .Which.LineNumber.Should().Be(4);
    }

    [Test]
    public void A_corrupted_line_in_a_real_split_is_found_by_its_line_number()
    {
        using var folder = new TempFolder();
        var task = TaskCatalog.PromCoreTata;
        var target = Path.Combine(folder.Path, task.RelativePath);
        Directory.CreateDirectory(target);
        foreach (var split in new[] { "train.csv", "dev.csv" })
        {
            File.Copy(TestData.Path(task.RelativePath, split), Path.Combine(target, split));
        }

        var lines = File.ReadAllLines(TestData.Path(task.RelativePath, "test.csv"));
        lines[299] = lines[299][..69] + "," + lines[299].Split(',')[1]; // drop one base on line 300
        File.WriteAllLines(Path.Combine(target, "test.csv"), lines);

        var act = () => TaskLoader.Load(task, folder.Path);

        act.Should().Throw<DatasetFormatException>()
            .WithMessage(Path.Combine(target, "test.csv") + ", line 300: sequence of 69 bases; the task promises 70 bases");
    }

    [Test]
    public void Lower_case_bases_are_read_as_upper_case()
    {
        var examples = DatasetReader.ReadGueCsv(new StringReader("sequence,label\nacgtNn,1\n"), "x.csv");
        examples.Should().Equal(new LabelledSequence("ACGTNN", 1));
    }

    [TestCase("sequence\tlabel\n\"AAAAAC AAAACG\"\t\"1\"\n", "AAAAACG", 1)]
    [TestCase("sequence\tlabel\nAAAAAC AAAACG AAACGT\t0\n", "AAAAACGT", 0)]
    [TestCase("\"sequence\"\t\"label\"\nAAAAAC\t1\n", "AAAAAC", 1)]
    public void Tsv_kmers_are_joined_and_quotes_stripped(string text, string bases, int label)
    {
        DatasetReader.ReadKmerTsv(new StringReader(text), "ok.tsv").Should().Equal(new LabelledSequence(bases, label));
    }

    [TestCase("sequence\tlabel\nAAAAAC AAAACG CCCCCC\t0\n", "line 2: k-mers 2 'AAAACG' and 3 'CCCCCC' do not overlap by 5 bases")]
    [TestCase("sequence\tlabel\nAAAAAC AAAAC\t0\n", "line 2: k-mer 2 'AAAAC' has 5 characters; expected 6")]
    [TestCase("sequence\tlabel\n\"\"\t0\n", "line 2: empty sequence")]
    [TestCase("sequence\tlabel\n\"AAAAAC\t0\n", "line 2: unbalanced or embedded double quote*")]
    [TestCase("sequence\tlabel\nAAAAAC\t7\n", "line 2: unknown label 7*")]
    public void Tsv_errors_name_the_file_and_line(string text, string expected)
    {
        var act = () => DatasetReader.ReadKmerTsv(new StringReader(text), "bad.tsv", new DatasetReadOptions { ClassCount = 2 });
        act.Should().Throw<DatasetFormatException>().WithMessage("bad.tsv*" + expected);
    }

    [Test]
    public void Labelled_fasta_reads_multi_line_records_with_labels_in_headers()
    {
        const string text = ">seq1 label=1 promoter\nACGT\nacgt\n>seq2|label=0\nGGGG\n>seq3 label:2\nTTTT\n";
        var examples = DatasetReader.ReadLabelledFasta(new StringReader(text), "x.fa", new DatasetReadOptions { ClassCount = 3 });
        examples.Should().Equal(new LabelledSequence("ACGTACGT", 1), new LabelledSequence("GGGG", 0), new LabelledSequence("TTTT", 2));
    }

    [TestCase(">seq1\nACGT\n", "x.fa, line 1: header '>seq1' has no 'label=<class>' field")]
    [TestCase(">seq1 label=0\nACGT\n>seq2 label=1\n>seq3 label=0\nAC\n", "x.fa, line 3: empty sequence")]
    [TestCase("ACGT\n>seq1 label=0\nACGT\n", "x.fa, line 1: sequence text before the first '>' header")]
    [TestCase(">s label=5\nACGT\n", "x.fa, line 1: unknown label 5*")]
    public void Fasta_errors_name_the_file_and_line(string text, string expected)
    {
        var act = () => DatasetReader.ReadLabelledFasta(new StringReader(text), "x.fa", new DatasetReadOptions { ClassCount = 2 });
        act.Should().Throw<DatasetFormatException>().WithMessage(expected);
    }

    [Test]
    public void Reading_a_file_names_it_in_errors()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "x.csv");
        File.WriteAllText(path, "sequence,label\nACGT,0\nACGT,9\n");
        var act = () => DatasetReader.ReadGueCsv(path, new DatasetReadOptions { ClassCount = 2 });
        act.Should().Throw<DatasetFormatException>().Which.FilePath.Should().Be(path);
    }

    [Test]
    public void Invalid_read_options_are_rejected_naming_the_value()
    {
        var act = () => DatasetReader.ReadGueCsv(new StringReader("sequence,label\nACGT,0\n"), "x", new DatasetReadOptions { MinLength = 10, MaxLength = 5 });
        act.Should().Throw<OptionsValidationException>().WithMessage("DatasetReadOptions.MaxLength is 5; must be at least MinLength (10).");
    }

    [Test]
    public void Catalogue_lookup_is_case_insensitive_and_lists_known_names_on_a_miss()
    {
        TaskCatalog.Get("PROM_CORE_ALL").Should().BeSameAs(TaskCatalog.PromCoreAll);
        var act = () => TaskCatalog.Get("nope");
        act.Should().Throw<KeyNotFoundException>().WithMessage("*nope*prom_core_all*Silencer*tf/1*");
        TaskCatalog.FewShotTasks.Should().HaveCount(5);
    }

    [TestCase("tf/1", "tf_1")]
    [TestCase("EMP/H4", "EMP_H4")]
    [TestCase("emp/h3k4me3", "EMP_H3K4me3")]
    [TestCase("prom/prom_core_notata", "prom_core_notata")]
    [TestCase("prom_core_notata", "prom_core_notata")]
    [TestCase("gue/mouse/3", "mouse_3")]
    [TestCase("GUE/virus/covid", "virus_covid")]
    [TestCase("splice/reconstructed", "splice_reconstructed")]
    public void A_gue_task_is_found_by_its_folder_or_its_short_name(string name, string expected)
    {
        TaskCatalog.Get(name).Name.Should().Be(expected);
    }

    [Test]
    public void Resolving_a_task_list_names_every_unknown_entry()
    {
        TaskCatalog.Resolve(["prom_core_notata", "tf/1", "EMP/H4", "mouse/3"]).Should().Equal("prom_core_notata", "tf_1", "EMP_H4", "mouse_3");
        var act = () => TaskCatalog.Resolve(["tf/9", "tf/1", "EMP/H5"]);
        act.Should().Throw<KeyNotFoundException>().WithMessage("*'tf/9', 'EMP/H5'*");
    }

    [Test]
    public void The_catalogue_holds_GUEs_28_datasets_and_the_papers_27()
    {
        // The benchmark's folder list (data README): 6 promoter, 5 + 5 TF, 10 EMP, splice and COVID.
        string[] folders =
        [
            "prom/prom_300_all", "prom/prom_300_notata", "prom/prom_300_tata", "prom/prom_core_all", "prom/prom_core_notata", "prom/prom_core_tata",
            "tf/0", "tf/1", "tf/2", "tf/3", "tf/4", "mouse/0", "mouse/1", "mouse/2", "mouse/3", "mouse/4", "splice/reconstructed",
            "EMP/H3", "EMP/H3K14ac", "EMP/H3K36me3", "EMP/H3K4me1", "EMP/H3K4me2", "EMP/H3K4me3", "EMP/H3K79me3", "EMP/H3K9ac", "EMP/H4", "EMP/H4ac",
            "virus/covid",
        ];
        TaskCatalog.GueTasks.Select(t => t.GueFolder).Should().BeEquivalentTo(folders);
        TaskCatalog.GueTasks.Select(t => t.Name).Should().OnlyHaveUniqueItems();
        TaskCatalog.GueTasks.Should().OnlyContain(t => t.Splits.SequenceEqual(new[] { TaskSplit.Train, TaskSplit.Dev, TaskSplit.Test }));
        TaskCatalog.PaperGueTasks.Should().HaveCount(27).And.NotContain(TaskCatalog.VirusCovid).And.OnlyContain(t => t.InPaperGue);

        // The GUE folder shipped in the repository is a catalogue task (SharedData checks the 17 of the outside data set).
        GueFolders(TestData.Root).Should().NotBeEmpty().And.BeSubsetOf(folders);

        // The paper's grouping: human promoters, TF and splice; non-human mouse, yeast (EMP) and virus.
        TaskCatalog.PaperGueTasks.Count(t => t.IsHuman).Should().Be(12);
        TaskCatalog.PaperGueTasks.Where(t => !t.IsHuman).Select(t => t.Species).Distinct().Should().BeEquivalentTo("Mouse", "Yeast");
        TaskCatalog.VirusCovid.IsHuman.Should().BeFalse();
        TaskCatalog.VirusCovid.ClassCount.Should().Be(9);
        TaskCatalog.SpliceReconstructed.ClassCount.Should().Be(3);
    }

    [Test]
    [Category(TestData.SharedDataCategory)]
    public void Every_GUE_folder_of_the_outside_data_set_is_a_catalogue_task()
    {
        var folders = GueFolders(TestData.Shared);
        folders.Should().HaveCount(17);
        folders.Select(f => TaskCatalog.Get(f).GueFolder).Should().Equal(folders);
    }

    private static List<string> GueFolders(string dataRoot)
    {
        var gue = Path.Combine(dataRoot, "gue");
        return [.. Directory.GetDirectories(gue, "*", SearchOption.AllDirectories)
            .Where(d => File.Exists(Path.Combine(d, "test.csv")))
            .Select(d => Path.GetRelativePath(gue, d).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }

    // The DNABERT-2 script (run_dnabert1.sh): epochs, maximum tokens, warm-up, evaluation steps, accumulation, max steps.
    [TestCase("prom/prom_core_all", 4, 80, 50, 400, 1, null)]
    [TestCase("prom/prom_core_notata", 4, 80, 50, 400, 1, null)]
    [TestCase("prom/prom_core_tata", 10, 80, 50, 200, 1, null)]
    [TestCase("prom/prom_300_all", 4, 310, 50, 400, 1, null)]
    [TestCase("prom/prom_300_notata", 4, 310, 50, 400, 1, null)]
    [TestCase("prom/prom_300_tata", 10, 310, 50, 200, 1, null)]
    [TestCase("tf/3", 3, 110, 30, 200, 1, null)]
    [TestCase("mouse/2", 5, 110, 30, 200, 1, 1000L)]
    [TestCase("splice/reconstructed", 5, 410, 50, 200, 1, null)]
    [TestCase("EMP/H3K79me3", 3, 512, 50, 200, 1, null)]
    [TestCase("virus/covid", 9, 1024, 50, 200, 4, null)]
    public void Every_gue_family_has_the_scripts_settings(string folder, int epochs, int maxTokens, int warmup, int evaluationSteps, int accumulation, long? maxSteps)
    {
        var s = TaskCatalog.Get(folder).FineTuning!;
        (s.LearningRate, s.BatchSize, s.Epochs, s.MaxLength, s.WarmupSteps, s.EvaluationSteps, s.GradientAccumulationSteps, s.MaxSteps)
            .Should().Be((3e-5, 8, epochs, maxTokens, warmup, evaluationSteps, accumulation, maxSteps));
    }

    [Test]
    public void A_download_without_train_trains_on_dev_and_says_so_and_a_missing_test_split_is_named()
    {
        // A download of mouse/1 with dev and test only; its rows are real (phage lambda) sequence of the promised 101 bases.
        using var partial = new TempFolder();
        var mouseFolder = Path.Combine(partial.Path, "gue", "mouse", "1");
        Directory.CreateDirectory(mouseFolder);
        var bases = string.Concat(File.ReadLines(TestData.Genome("phage_lambda_NC_001416.fa")).Skip(1).Take(20)).ToUpperInvariant();
        var rows = Enumerable.Range(0, 7).Select(i => bases[(i * 101)..((i + 1) * 101)] + "," + (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        File.WriteAllText(Path.Combine(mouseFolder, "dev.csv"), "sequence,label\n" + string.Join("\n", rows.Take(6)) + "\n");
        File.WriteAllText(Path.Combine(mouseFolder, "test.csv"), "sequence,label\n" + rows[6] + "\n");
        var data = TaskLoader.Load(TaskCatalog.Get("mouse/1"), partial.Path);
        data.TrainingSplit.Should().Be(TaskSplit.Dev);
        data.Train.Should().HaveCount(6);
        data.Dev.Should().BeNull();
        data.Notes.Should().ContainSingle().Which.Should().Contain("train split not available");

        using var folder = new TempFolder();
        var taskFolder = Path.Combine(folder.Path, "gue", "tf", "2");
        Directory.CreateDirectory(taskFolder);
        File.WriteAllText(Path.Combine(taskFolder, "train.csv"), "sequence,label\n" + new string('A', 101) + ",0\n");
        File.WriteAllText(Path.Combine(taskFolder, "dev.csv"), "sequence,label\n" + new string('C', 101) + ",1\n");
        var act = () => TaskLoader.Load(TaskCatalog.Get("tf/2"), folder.Path);
        act.Should().Throw<DatasetFormatException>().WithMessage("*test.csv*missing split file of task tf_2*");
    }

    [Test]
    public void Gue_descriptors_carry_the_papers_fine_tuning_settings()
    {
        var splice = TaskCatalog.SpliceReconstructed.FineTuning!;
        splice.LearningRate.Should().Be(3e-5);
        splice.BatchSize.Should().Be(8);
        splice.Epochs.Should().Be(5);
        splice.MaxLength.Should().Be(410);
        splice.WarmupSteps.Should().Be(50);
        TaskCatalog.Mouse0.FineTuning!.WarmupSteps.Should().Be(30);
        TaskCatalog.FewShotProm300.FineTuning!.MaxLength.Should().Be(310);
        TaskCatalog.FewShotPromCore.FineTuning!.MaxLength.Should().Be(67);
        FineTuneSettings.ForFewShot(100).Should().Be(FineTuneSettings.FewShotSmall);

        // CM-GEMS Appendix B.2: lr 4e-4, 20 epochs, batch 5, warm-up 10 %, weight decay 0.01, hidden dropout 0.1; upstream scripts: lr 1e-4.
        var small = FineTuneSettings.FewShotSmall;
        (small.LearningRate, small.Epochs, small.BatchSize, small.WarmupRatio, small.WeightDecay, small.HiddenDropout).Should().Be((4e-4, 20, 5, 0.1, 0.01, 0.1));
        FineTuneSettings.FewShotSmallUpstream.Should().Be(small with { LearningRate = 1e-4 });
        var large = FineTuneSettings.FewShotLarge;
        (large.LearningRate, large.Epochs, large.BatchSize, large.HiddenDropout).Should().Be((5e-5, 5, 15, 0.1));
        FineTuneSettings.ForFewShot(500).Should().Be(FineTuneSettings.FewShotLarge);
    }

    [Test]
    [Category(TestData.SharedDataCategory)]
    public void The_benchmark_download_of_mouse_1_trains_on_its_dev_split()
    {
        var data = TaskLoader.Load(TaskCatalog.Get("mouse/1"), TestData.Shared);
        data.TrainingSplit.Should().Be(TaskSplit.Dev);
        data.Train.Should().HaveCount(6745);
        data.Notes.Should().ContainSingle().Which.Should().Contain("train split not available");
    }
}
