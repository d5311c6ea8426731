namespace GeneMask.Masking;

/// <summary>How a position holding [UNK] (a k-mer with a base other than A/C/G/T) ranks.</summary>
public enum UnknownKmerRank
{
    /// <summary>Worst: never preferred (default).</summary>
    Worst = 0,

    /// <summary>Upstream GeneMask behaviour, for reproduction only: [UNK] ranks best and attracts the widened span.</summary>
    Best = 1,
}
