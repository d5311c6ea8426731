namespace GeneMask.Masking;

/// <summary>Data of <see cref="ICurriculumScheduler.PhaseChanged"/>.</summary>
public sealed class MaskingPhaseChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public MaskingPhaseChangedEventArgs(string scheduler, string? previousPhase, MaskingPhase phase, TrainingState state)
    {
        Scheduler = scheduler;
        PreviousPhase = previousPhase;
        Phase = phase;
        State = state;
    }

    /// <summary>The scheduler's name.</summary>
    public string Scheduler { get; }

    /// <summary>The name of the phase before, or <see langword="null"/> for the first phase of the run.</summary>
    public string? PreviousPhase { get; }

    /// <summary>The new phase.</summary>
    public MaskingPhase Phase { get; }

    /// <summary>The training state of the first batch of the new phase.</summary>
    public TrainingState State { get; }
}
