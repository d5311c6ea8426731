namespace GeneMask.Samples;

/// <summary>The data shipped with the samples, found beside the app (copied to its output folder at build time).</summary>
public static class SampleData
{
    /// <summary>File name of the shipped genome fragment.</summary>
    public const string HumanGenomeFileName = "hg38_chr2_1-2333275.fa.gz";

    /// <summary>The shipped data folder beside the app.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>Human GRCh38 chr2:1-2,333,275 (bgzip FASTA, soft-masked); see <c>data/NOTICE.md</c>.</summary>
    public static string HumanGenome => Path.Combine(Folder, "genomes", HumanGenomeFileName);
}
