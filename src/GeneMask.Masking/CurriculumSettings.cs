using Microsoft.Extensions.Logging;

namespace GeneMask.Masking;

/// <summary>The options of the catalogue's curricula, and where they log.</summary>
public sealed record CurriculumSettings
{
    /// <summary>CM-GEMS's options (its switch rule comes from the <see cref="UpstreamCompatibility"/> when built by name).</summary>
    public CmGemsCurriculumOptions CmGems { get; init; } = new();

    /// <summary>CM-Step's options.</summary>
    public CmStepCurriculumOptions CmStep { get; init; } = new();

    /// <summary>Creates the curricula's loggers; <see langword="null"/> for none.</summary>
    public ILoggerFactory? Loggers { get; init; }
}
