using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GeneMask.Masking.Tests;

public class CurriculumTests
{
    private static readonly KmerSpanMasking Easy = new();
    private static readonly RandomTokenMasking Hard = new();

    private static TrainingState At(long step, long total = 10_000) => new(step, total, step);

    [Test]
    public void CmGems_last_drop_switches_at_the_first_drop_below_the_threshold_and_stays()
    {
        var logger = new ListLogger<CmGemsCurriculum>();
        var curriculum = new CmGemsCurriculum(Easy, Hard, new CmGemsCurriculumOptions { EvaluationInterval = 100 }, logger);
        var changes = new List<MaskingPhaseChangedEventArgs>();
        curriculum.PhaseChanged += (_, e) => changes.Add(e);

        curriculum.GetPhase(At(0)).Strategy.Should().BeSameAs(Easy);
        foreach (var (step, ppl) in new[] { (100L, 300.0), (200L, 250.0), (300L, 248.5), (400L, 248.2) })
        {
            curriculum.OnEvaluation(step, ppl);
            if (step < 400)
            {
                curriculum.HasSwitched.Should().BeFalse($"the drop at step {step} is at least 1.0");
            }
        }

        // Drops: 50, 1.5, 0.3 → switch at the evaluation of step 400.
        curriculum.SwitchStep.Should().Be(400);
        curriculum.GetPhase(At(399)).Strategy.Should().BeSameAs(Easy);
        var after = curriculum.GetPhase(At(400));
        after.Strategy.Should().BeSameAs(Hard);
        after.Probability.Should().Be(Hard.DefaultProbability);
        curriculum.OnEvaluation(500, 100); // a big drop later does not switch back
        curriculum.GetPhase(At(9_999)).Strategy.Should().BeSameAs(Hard);

        changes.Select(c => c.Phase.Name).Should().Equal("kmer-span", "random-token");
        changes[1].State.Step.Should().Be(400);
        changes[1].PreviousPhase.Should().Be("kmer-span");
        logger.Messages.Should().Contain(m => m.Contains("switching to random-token", StringComparison.Ordinal) && m.Contains("step 400", StringComparison.Ordinal));
    }

    [Test]
    public void CmGems_never_switches_on_a_history_that_keeps_dropping()
    {
        var curriculum = new CmGemsCurriculum(Easy, Hard);
        var ppl = 1000.0;
        for (var step = 500; step <= 10_000; step += 500)
        {
            curriculum.OnEvaluation(step, ppl);
            ppl -= 1.5;
        }

        curriculum.HasSwitched.Should().BeFalse();
        curriculum.SwitchStep.Should().BeNull();
        curriculum.GetPhase(At(9_999)).Strategy.Should().BeSameAs(Easy);
    }

    [Test]
    public void CmGems_rules_differ_on_an_increase()
    {
        // 300 → 250 (drop 50) → 260 (increase 10): the last drop is −10 < 1 (switch); min |Δ| is 10 (no switch).
        var paper = new CmGemsCurriculum(Easy, Hard);
        var upstream = new CmGemsCurriculum(Easy, Hard, new CmGemsCurriculumOptions { Rule = CmGemsSwitchRule.MinimumAbsoluteChange });
        foreach (var c in new[] { paper, upstream })
        {
            c.OnEvaluation(500, 300);
            c.OnEvaluation(1000, 250);
            c.OnEvaluation(1500, 260);
        }

        paper.SwitchStep.Should().Be(1500);
        upstream.HasSwitched.Should().BeFalse();

        // Upstream's minimum over history: 260 → 259.5 (|Δ| 0.5) switches it.
        upstream.OnEvaluation(2000, 259.5);
        upstream.SwitchStep.Should().Be(2000);
    }

    [Test]
    public void CmGems_warns_when_the_evaluation_interval_leaves_no_chance_to_switch()
    {
        var logger = new ListLogger<CmGemsCurriculum>();
        var curriculum = new CmGemsCurriculum(Easy, Hard, new CmGemsCurriculumOptions { EvaluationInterval = 500 }, logger);
        curriculum.GetPhase(new TrainingState(0, 1000, 0));
        logger.Messages.Should().Contain(m => m.Contains("cannot switch", StringComparison.Ordinal));
        curriculum.EvaluationInterval.Should().Be(500);
    }

    [Test]
    public void CmGems_state_round_trips_through_json()
    {
        var curriculum = new CmGemsCurriculum(Easy, Hard);
        curriculum.OnEvaluation(500, 300);
        curriculum.OnEvaluation(1000, 299.5);
        curriculum.GetPhase(At(1000));
        var json = curriculum.SaveState().ToJson();

        var restored = new CmGemsCurriculum(Easy, Hard);
        restored.RestoreState(CurriculumState.FromJson(json));
        restored.SwitchStep.Should().Be(1000);
        restored.Evaluations.Should().Equal(new EvaluationRecord(500, 300), new EvaluationRecord(1000, 299.5));
        restored.GetPhase(At(1001)).Strategy.Should().BeSameAs(Hard);

        FluentActions.Invoking(() => new CmStepCurriculum(Easy, Hard).RestoreState(CurriculumState.FromJson(json)))
            .Should().Throw<ArgumentException>().WithMessage("*saved by curriculum 'cm-gems', not 'cm-step'*");
        FluentActions.Invoking(() => CurriculumState.FromJson("{ nope")).Should().Throw<FormatException>();
    }

    [Test]
    public void Evaluations_must_be_finite_positive_and_in_order()
    {
        var curriculum = new CmGemsCurriculum(Easy, Hard);
        FluentActions.Invoking(() => curriculum.OnEvaluation(10, double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => curriculum.OnEvaluation(10, 0)).Should().Throw<ArgumentOutOfRangeException>();
        curriculum.OnEvaluation(10, 5);
        FluentActions.Invoking(() => curriculum.OnEvaluation(9, 5)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*last was at step 10*");
    }

    [Test]
    public void CmStep_empirical_hard_share_per_block_matches_block_over_blocks()
    {
        // 10 blocks of 4 000 steps, one batch per step: p̂_j within 4 standard errors of j/10.
        const int blocks = 10, perBlock = 4000;
        var curriculum = new CmStepCurriculum(Easy, Hard, new CmStepCurriculumOptions { Blocks = blocks, Seed = 5 });
        const long total = blocks * perBlock;
        for (var j = 0; j < blocks; j++)
        {
            var hard = 0;
            for (var i = 0; i < perBlock; i++)
            {
                var step = ((long)j * perBlock) + i;
                var phase = curriculum.GetPhase(new TrainingState(step, total, step));
                phase.Name.Should().Be($"block {j + 1}/{blocks}");
                if (ReferenceEquals(phase.Strategy, Hard))
                {
                    hard++;
                    phase.Probability.Should().Be(Hard.DefaultProbability);
                }
            }

            var p = (double)j / blocks;
            var se = Math.Sqrt(Math.Max(p * (1 - p), 1e-12) / perBlock);
            ((double)hard / perBlock).Should().BeApproximately(p, (4 * se) + 1e-12, $"block {j}");
        }
    }

    [TestCase(1L)]
    [TestCase(37L)]
    [TestCase(99L)]
    [TestCase(150L)]
    [TestCase(1001L)]
    public void CmStep_is_defined_for_any_step_count(long total)
    {
        var curriculum = new CmStepCurriculum(Easy, Hard);
        var previous = 0;
        for (var step = 0L; step < total; step++)
        {
            var block = curriculum.BlockOf(step, total);
            block.Should().BeInRange(previous, 99);
            curriculum.HardProbability(step, total).Should().BeLessThan(1);
            previous = block;
        }

        curriculum.BlockOf(0, total).Should().Be(0);
        if (total >= 100)
        {
            curriculum.BlockOf(total - 1, total).Should().Be(99);
        }
    }

    [Test]
    public void CmStep_draw_is_a_function_of_the_batch_index()
    {
        var a = new CmStepCurriculum(Easy, Hard, new CmStepCurriculumOptions { Seed = 1 });
        var b = new CmStepCurriculum(Easy, Hard, new CmStepCurriculumOptions { Seed = 1 });
        var forward = Enumerable.Range(0, 500).Select(i => a.GetPhase(new TrainingState(i, 500, i)).Strategy).ToList();
        var backward = Enumerable.Range(0, 500).Reverse().Select(i => b.GetPhase(new TrainingState(i, 500, i)).Strategy).Reverse().ToList();
        forward.Should().Equal(backward);
    }

    [Test]
    public void Ratio_decay_goes_from_start_to_end()
    {
        var linear = new MaskingRatioDecayCurriculum(Hard, new MaskingRatioDecayCurriculumOptions { StartProbability = 0.3, EndProbability = 0.1 });
        linear.GetPhase(new TrainingState(0, 101, 0)).Probability.Should().BeApproximately(0.3, 1e-12);
        linear.GetPhase(new TrainingState(50, 101, 50)).Probability.Should().BeApproximately(0.2, 1e-12);
        linear.GetPhase(new TrainingState(100, 101, 100)).Probability.Should().BeApproximately(0.1, 1e-12);

        var cosine = new MaskingRatioDecayCurriculum(Hard, new MaskingRatioDecayCurriculumOptions { StartProbability = 0.3, EndProbability = 0.1, Shape = DecayShape.Cosine });
        cosine.ProbabilityAt(25, 101).Should().BeApproximately(0.1 + (0.2 * (1 + Math.Cos(Math.PI / 4)) / 2), 1e-12);
        cosine.ProbabilityAt(50, 101).Should().BeApproximately(0.2, 1e-12);

        var defaults = new MaskingRatioDecayCurriculum(Hard);
        defaults.ProbabilityAt(0, 10).Should().BeApproximately(0.3, 1e-12);
        defaults.ProbabilityAt(9, 10).Should().BeApproximately(0.075, 1e-12);
        FluentActions.Invoking(() => new MaskingRatioDecayCurriculum(Hard, new MaskingRatioDecayCurriculumOptions { StartProbability = 1.2 }))
            .Should().Throw<OptionsValidationException>().WithMessage("*StartProbability*1.2*");
    }

    [Test]
    public void Constant_and_delegate_curricula()
    {
        new ConstantCurriculum(Easy, 0.05).GetPhase(At(3)).Should().Be(new MaskingPhase("kmer-span", Easy, 0.05));
        var doubled = new DelegateCurriculum("double-after-first-eval", (state, history) =>
            MaskingPhase.Of(Hard, history.Count == 0 ? 0.15 : 0.30), evaluationInterval: 10);
        doubled.GetPhase(At(0)).Probability.Should().Be(0.15);
        doubled.OnEvaluation(10, 12);
        doubled.GetPhase(At(11)).Probability.Should().Be(0.30);
        doubled.EvaluationInterval.Should().Be(10);
    }

    [Test]
    public void Phase_changes_are_reported_once_and_only_forward_in_batch_order()
    {
        var curriculum = new CmStepCurriculum(Easy, Hard, new CmStepCurriculumOptions { Blocks = 4 });
        var reported = new List<long>();
        curriculum.PhaseChanged += (_, e) => reported.Add(e.State.BatchIndex);
        for (var i = 0; i < 8; i++)
        {
            curriculum.GetPhase(new TrainingState(i, 8, i));
            curriculum.GetPhase(new TrainingState(Math.Max(0, i - 3), 8, Math.Max(0, i - 3))); // asked again (verification)
        }

        reported.Should().Equal(0, 2, 4, 6);
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
