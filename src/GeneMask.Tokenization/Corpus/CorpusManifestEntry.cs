namespace GeneMask.Tokenization;

/// <summary>One file of a corpus: its name, length and XxHash128 (hex).</summary>
/// <param name="Name">File name inside the corpus folder.</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="XxHash128">XxHash128 of the content, 32 hex digits.</param>
public sealed record CorpusManifestEntry(string Name, long Length, string XxHash128);
