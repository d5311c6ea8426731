using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp;

/// <summary>Seeds torch's global generator and restores its previous state on dispose, so seeding stays local.</summary>
internal sealed class TorchSeedScope : IDisposable
{
    private readonly Tensor _saved;

    public TorchSeedScope(long seed)
    {
        _saved = random.get_rng_state();
        random.manual_seed(seed);
    }

    public void Dispose()
    {
        random.set_rng_state(_saved);
        _saved.Dispose();
    }
}
