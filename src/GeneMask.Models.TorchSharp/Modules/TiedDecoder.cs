using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

#pragma warning disable IDE1006, SA1306, CA1707

/// <summary>A bias-free linear map whose weight is another module's parameter (the tied word embeddings).</summary>
internal sealed class TiedDecoder : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    public TiedDecoder(Parameter tiedWeight)
        : base(nameof(TiedDecoder))
    {
        weight = tiedWeight;
        RegisterComponents();
    }

    public Parameter Weight => weight;

    public override Tensor forward(Tensor hidden) => Autocast.Linear(hidden, weight);
}
