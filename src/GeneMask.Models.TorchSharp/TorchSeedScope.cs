using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp;

/// <summary>
/// Seeds torch's global generator and restores its previous state on dispose, so seeding stays local. Scopes on
/// different threads take turns (a process-wide lock), so models initialised concurrently still get their seed's weights.
/// </summary>
internal sealed class TorchSeedScope : IDisposable
{
    private static readonly Lock Gate = new();
    private readonly Tensor _saved;

    public TorchSeedScope(long seed)
    {
        Gate.Enter();
        _saved = random.get_rng_state();
        random.manual_seed(seed);
    }

    public void Dispose()
    {
        random.set_rng_state(_saved);
        _saved.Dispose();
        Gate.Exit();
    }
}
