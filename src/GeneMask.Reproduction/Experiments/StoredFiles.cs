namespace GeneMask.Reproduction.Experiments;

/// <summary>The record's result of a piece whose outputs are files: the hash of their content when the piece was done (checked on reuse).</summary>
/// <param name="ContentHash">The content hash (e.g. a corpus manifest's).</param>
internal sealed record StoredFiles(string ContentHash);
