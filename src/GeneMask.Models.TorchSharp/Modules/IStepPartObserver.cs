using static TorchSharp.torch;

namespace GeneMask.Models.TorchSharp.Modules;

/// <summary>Receives the end of every part of a forward pass on the thread it observes (see <see cref="StepParts"/>).</summary>
internal interface IStepPartObserver
{
    /// <summary>Called when <paramref name="part"/> has computed <paramref name="output"/>.</summary>
    /// <returns>The tensor the forward pass continues with (the output itself, or a stand-in for it).</returns>
    Tensor OnPartEnd(string part, Tensor output);
}
