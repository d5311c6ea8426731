namespace GeneMask.Models.TorchSharp;

/// <summary>The numeric format of weights and computation.</summary>
public enum ModelPrecision
{
    /// <summary>32-bit floats for weights and compute (the reference).</summary>
    Fp32,

    /// <summary>
    /// Pure bfloat16: weights, gradients and optimizer state in bf16 (losses still reduced in fp32). Updates smaller than
    /// about 2⁻⁸ of a weight are rounded away, so training drifts from fp32; for inference with half the memory and for
    /// comparisons. Train with <see cref="Bf16Mixed"/>.
    /// </summary>
    Bf16,

    /// <summary>
    /// Mixed precision: float32 master weights, gradients and optimizer state; linear layers and attention computed in
    /// bfloat16 (the attention softmax's statistics in float32 inside the kernel); LayerNorm, residual sums, softmax of
    /// the loss and the loss in float32. CPU (AVX-512 BF16, AMX) and GPU.
    /// </summary>
    Bf16Mixed,

    /// <summary>
    /// As <see cref="Bf16Mixed"/> with float16 compute and dynamic loss scaling (overflowing steps are skipped and
    /// counted). For GPUs; float16 matrix products are slow on most CPUs.
    /// </summary>
    Fp16Mixed,
}
