namespace GeneMask.Evaluation;

/// <summary>A labelled DNA sequence (bases, upper case A/C/G/T/N) of a classification task.</summary>
/// <param name="Bases">The sequence as bases.</param>
/// <param name="Label">The class, 0 … classes − 1.</param>
public sealed record LabelledSequence(string Bases, int Label);
