namespace GeneMask.Reproduction;

/// <summary>Which architecture a reproduction pretrains.</summary>
public enum ReproductionModel
{
    /// <summary>LOGO as configured by GeneMask/CM-GEMS (2 layers, hidden 256, intermediate 3072).</summary>
    Logo = 0,

    /// <summary>DNABert (12 layers, hidden 768).</summary>
    DnaBert = 1,
}
