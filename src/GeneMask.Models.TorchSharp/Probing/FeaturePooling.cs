namespace GeneMask.Models.TorchSharp.Probing;

/// <summary>Which hidden states of a frozen encoder make a sequence's feature vector.</summary>
[Flags]
public enum FeaturePooling
{
    /// <summary>The mean of the last hidden states over the k-mer positions ([CLS]/[SEP] excluded).</summary>
    Mean = 1,

    /// <summary>The last hidden state of the middle k-mer (for tasks whose signal sits at the centre, e.g. splice sites).</summary>
    Centre = 2,

    /// <summary>Both, concatenated (mean first).</summary>
    MeanAndCentre = Mean | Centre,
}
