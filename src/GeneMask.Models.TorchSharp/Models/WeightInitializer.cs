using GeneMask.Models.TorchSharp.Modules;
using GeneMask.Tokenization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp;

/// <summary>BERT's initialisation (Hugging Face <c>_init_weights</c>): N(0, range) weights, zero biases, unit LayerNorm.</summary>
internal static class WeightInitializer
{
    public static void Apply(nn.Module root, BertConfig config)
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in root.named_modules())
        {
            switch (module)
            {
                case Linear linear:
                    nn.init.normal_(linear.weight!, 0, config.InitializerRange);
                    if (linear.bias is { } bias)
                    {
                        nn.init.zeros_(bias);
                    }

                    break;
                case Embedding embedding:
                    nn.init.normal_(embedding.weight!, 0, config.InitializerRange);
                    if (ReferenceEquals(embedding, FindWordEmbeddings(root)))
                    {
                        embedding.weight![SpecialTokens.Pad].zero_();
                    }

                    break;
                case LayerNorm norm:
                    nn.init.ones_(norm.weight!);
                    nn.init.zeros_(norm.bias!);
                    break;
            }
        }
    }

    private static Embedding? FindWordEmbeddings(nn.Module root) =>
        root.named_modules().FirstOrDefault(m => m.name.EndsWith("embeddings.word_embeddings", StringComparison.Ordinal)).module as Embedding;
}
