using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>Dense + GELU + LayerNorm before the decoder (<c>cls.predictions.transform</c>).</summary>
internal sealed class BertPredictionHeadTransform : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;

    public BertPredictionHeadTransform(BertConfig config)
        : base(nameof(BertPredictionHeadTransform))
    {
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEpsilon);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var projected = StepParts.End("MLM transform projection", Autocast.Linear(dense, hidden));
        var activated = StepParts.End("MLM transform GELU", nn.functional.gelu(projected));
        return StepParts.End("MLM transform LayerNorm", Autocast.Norm(LayerNorm, activated)).MoveToOuterDisposeScope();
    }
}
