namespace GeneMask.Models.TorchSharp;

/// <summary>A device was asked for that this process cannot use (CUDA without a GPU, or with the CPU build of libtorch loaded).</summary>
public sealed class DeviceNotAvailableException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="device"/>.</summary>
    public DeviceNotAvailableException(string device, string reason)
        : base($"Device '{device}' was requested but {reason}")
    {
        Device = device;
    }

    /// <summary>Creates the exception.</summary>
    public DeviceNotAvailableException()
        : this("The device is not available.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DeviceNotAvailableException(string message)
        : base(message)
    {
        Device = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DeviceNotAvailableException(string message, Exception inner)
        : base(message, inner)
    {
        Device = string.Empty;
    }

    /// <summary>The device asked for.</summary>
    public string Device { get; }
}
