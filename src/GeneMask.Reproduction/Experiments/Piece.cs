using GeneMask.Infrastructure;

namespace GeneMask.Reproduction.Experiments;

/// <summary>
/// One result of an experiment that is stored and reused on its own: the path of its record file (relative to the
/// experiment's folder), what it is (for messages) and the identity of what produces it.
/// </summary>
/// <param name="Record">The record file, relative to the experiment folder (e.g. <c>arms/kmer-span/replicate-0/pretraining.json</c>).</param>
/// <param name="What">What the piece is, for messages (e.g. <c>the pretraining of kmer-span</c>).</param>
/// <param name="Identity">What the piece is produced from.</param>
internal sealed record Piece(string Record, string What, ResultIdentity Identity);
