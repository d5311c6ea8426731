using Microsoft.Extensions.Options;

namespace GeneMask.Masking.Tests;

public class ProducerTests
{
    private const int RowsPerBatch = 10;

    private static void Source(long batchIndex, KmerRows rows)
    {
        var all = RealRows.All;
        for (var r = 0; r < RowsPerBatch; r++)
        {
            var row = all[(int)((batchIndex * RowsPerBatch) + r) % all.Length];
            rows.Add(row.AsSpan(0, row.Length - (int)((batchIndex + r) % 50))); // varied lengths
        }
    }

    private static (long[] Inputs, long[] Labels, string Phase) Snapshot(MlmBatch batch) =>
        (batch.InputIds.ToArray(), batch.Labels.ToArray(), batch.Phase.Name + "/" + batch.Phase.Strategy.Name);

    /// <summary>What a trainer without a background producer would get.</summary>
    private static List<(long[] Inputs, long[] Labels, string Phase)> Synchronous(MlmCollator collator, ICurriculumScheduler curriculum, long batches, Action<long>? afterBatch = null, long start = 0)
    {
        var result = new List<(long[], long[], string)>();
        var rows = new KmerRows();
        for (var b = start; b < batches; b++)
        {
            rows.Clear();
            Source(b, rows);
            result.Add(Snapshot(collator.Collate(rows, b, curriculum.GetPhase(new TrainingState(b, batches, b)))));
            afterBatch?.Invoke(b);
        }

        return result;
    }

    private static async Task<List<(long[] Inputs, long[] Labels, string Phase)>> Produced(MlmCollator collator, ICurriculumScheduler curriculum, long batches, int workers, Action<long>? afterBatch = null, long start = 0, int capacity = 6)
    {
        var result = new List<(long[], long[], string)>();
        await using var producer = new MaskedBatchProducer(collator, curriculum, Source, new MaskedBatchProducerOptions { TotalSteps = batches, Workers = workers, Capacity = capacity, StartBatchIndex = start });
        await foreach (var batch in producer.ReadAllAsync())
        {
            result.Add(Snapshot(batch));
            var index = batch.BatchIndex;
            producer.Return(batch);
            afterBatch?.Invoke(index);
        }

        return result;
    }

    private static void ShouldBeIdentical(List<(long[] Inputs, long[] Labels, string Phase)> actual, List<(long[] Inputs, long[] Labels, string Phase)> expected)
    {
        actual.Should().HaveCount(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            actual[i].Phase.Should().Be(expected[i].Phase, $"batch {i}");
            actual[i].Inputs.Should().Equal(expected[i].Inputs, $"batch {i}");
            actual[i].Labels.Should().Equal(expected[i].Labels, $"batch {i}");
        }
    }

    [Test]
    public async Task Background_batches_equal_synchronous_ones_with_one_or_many_workers()
    {
        var table = RealRows.Table;
        var collator = new MlmCollator(new MlmCollatorOptions { Seed = 123 });
        const long batches = 60;
        var expected = Synchronous(collator, CmStepCurriculum.Create(table, new CmStepCurriculumOptions { Blocks = 6, Seed = 4 }), batches);
        expected.Select(e => e.Phase).Distinct().Count().Should().BeGreaterThan(3, "the run mixes phases and strategies");

        ShouldBeIdentical(await Produced(collator, CmStepCurriculum.Create(table, new CmStepCurriculumOptions { Blocks = 6, Seed = 4 }), batches, workers: 1), expected);
        ShouldBeIdentical(await Produced(collator, CmStepCurriculum.Create(table, new CmStepCurriculumOptions { Blocks = 6, Seed = 4 }), batches, workers: 3), expected);
    }

    [Test]
    public async Task A_CmGems_switch_decided_while_batches_wait_in_the_queue_still_applies_exactly()
    {
        var table = RealRows.Table;
        var collator = new MlmCollator(new MlmCollatorOptions { Seed = 5 });
        const long batches = 40;

        // The trainer evaluates after batches 9, 19, 29; the drop after batch 19 is below 1, so steps ≥ 20 are Global.
        static Action<long> Evaluate(CmGemsCurriculum c) => b =>
        {
            if (b is 9 or 19 or 29)
            {
                c.OnEvaluation(b + 1, b switch { 9 => 100, 19 => 99.5, _ => 99 });
            }
        };

        var synchronous = CmGemsCurriculum.Create(table, new CmGemsCurriculumOptions { EvaluationInterval = 10 });
        var expected = Synchronous(collator, synchronous, batches, Evaluate(synchronous));
        synchronous.SwitchStep.Should().Be(20);

        var background = CmGemsCurriculum.Create(table, new CmGemsCurriculumOptions { EvaluationInterval = 10 });
        var actual = await Produced(collator, background, batches, workers: 2, Evaluate(background), capacity: 8);
        background.SwitchStep.Should().Be(20);
        ShouldBeIdentical(actual, expected);
        actual[19].Phase.Should().StartWith("genemask");
        actual[20].Phase.Should().StartWith("global");
    }

    [Test]
    public async Task With_a_producer_asking_ahead_the_reported_phase_event_and_saved_state_name_the_batch_that_used_it()
    {
        var table = RealRows.Table;
        var collator = new MlmCollator(new MlmCollatorOptions { Seed = 5 });
        const long batches = 40;
        var curriculum = CmGemsCurriculum.Create(table, new CmGemsCurriculumOptions { EvaluationInterval = 10 });
        var events = new List<(string? From, string To, long Step, long Batch)>();
        curriculum.PhaseChanged += (_, e) => events.Add((e.PreviousPhase, e.Phase.Name, e.State.Step, e.State.BatchIndex));
        var reported = new List<(long Batch, string Current, string? Saved, long SavedBatch)>();

        // A queue of 8 lets the worker run up to 8 batches ahead of the evaluation after batch 19.
        await using var producer = new MaskedBatchProducer(collator, curriculum, Source, new MaskedBatchProducerOptions { TotalSteps = batches, Capacity = 8 });
        await foreach (var batch in producer.ReadAllAsync())
        {
            var index = batch.BatchIndex;
            var state = curriculum.SaveState();
            reported.Add((index, curriculum.CurrentPhase.Name, state.ReportedPhase, state.ReportedBatchIndex));
            batch.Phase.Name.Should().Be(curriculum.CurrentPhase.Name, $"batch {index}");
            producer.Return(batch);
            if (index is 9 or 19)
            {
                curriculum.OnEvaluation(index + 1, index == 9 ? 100 : 99.5);
            }
        }

        curriculum.SwitchStep.Should().Be(20);
        events.Should().Equal(((string?)null, "genemask", 0L, 0L), ("genemask", "global", 20L, 20L));
        reported[19].Should().Be((19L, "genemask", "genemask", 19L));
        reported[20].Should().Be((20L, "global", "global", 20L));
    }

    [Test]
    public async Task Resuming_from_a_batch_index_gives_the_same_batches()
    {
        var table = RealRows.Table;
        var collator = new MlmCollator(new MlmCollatorOptions { Seed = 77 });
        var full = await Produced(collator, new ConstantCurriculum(new GlobalPmiMasking(table)), 30, workers: 2);
        var resumed = await Produced(collator, new ConstantCurriculum(new GlobalPmiMasking(table)), 30, workers: 1, start: 17);
        ShouldBeIdentical(resumed, full.Skip(17).ToList());
    }

    [Test]
    public async Task A_failing_source_is_reported_with_the_batch_index()
    {
        var collator = new MlmCollator();
        await using var producer = new MaskedBatchProducer(collator, new ConstantCurriculum(new KmerSpanMasking()), (b, rows) =>
        {
            if (b == 3)
            {
                throw new IOException("disk gone");
            }

            Source(b, rows);
        }, new MaskedBatchProducerOptions { TotalSteps = 10 });

        for (var i = 0; i < 3; i++)
        {
            (await producer.ReadAsync()).Should().NotBeNull();
        }

        await FluentActions.Awaiting(async () => await producer.ReadAsync()).Should().ThrowAsync<InvalidOperationException>().WithMessage("*batch 3*disk gone*");
    }

    [Test]
    public async Task Disposing_stops_workers_blocked_on_a_full_queue()
    {
        var collator = new MlmCollator();
        var producer = new MaskedBatchProducer(collator, new ConstantCurriculum(new KmerSpanMasking()), Source, new MaskedBatchProducerOptions { TotalSteps = 1_000_000, Capacity = 2 });
        (await producer.ReadAsync()).Should().NotBeNull();
        var dispose = producer.DisposeAsync().AsTask();
        (await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(20)))).Should().BeSameAs(dispose);
    }

    [Test]
    public void Invalid_producer_options_are_rejected_with_the_values()
    {
        FluentActions.Invoking(() => new MaskedBatchProducer(new MlmCollator(), new ConstantCurriculum(new KmerSpanMasking()), Source, new MaskedBatchProducerOptions { TotalSteps = 0, Workers = 0 }))
            .Should().Throw<OptionsValidationException>().WithMessage("*Workers must be at least 1, but is 0*TotalSteps must be at least 1, but is 0*");
    }
}
