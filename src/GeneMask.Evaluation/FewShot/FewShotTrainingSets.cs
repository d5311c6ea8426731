namespace GeneMask.Evaluation.FewShot;

/// <summary>Where the training set of each few-shot run comes from.</summary>
public enum FewShotTrainingSets
{
    /// <summary>
    /// The paper's protocol (CM-GEMS, Section 5): every run draws its own n examples per class from the task's training
    /// pool with its seed (<see cref="StratifiedSampler"/>); n is examples per class for every task.
    /// </summary>
    DrawnPerSeed = 0,

    /// <summary>
    /// What the upstream scripts do: every run of an n trains on the published file named n, whatever it holds
    /// (Splice-40's and Silencer's files named 10 and 50 hold 100 and 500 per class); seeds vary only the fine-tuning.
    /// </summary>
    UpstreamFiles = 1,
}
