using GeneMask.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GeneMask.Pmi;

/// <summary>Computes <see cref="PmiTable"/>s from counts with configured <see cref="PmiOptions"/> (dependency injection).</summary>
public sealed class PmiTableBuilder
{
    private readonly PmiOptions _options;
    private readonly ILogger<PmiTableBuilder>? _logger;

    /// <summary>Creates the builder.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names the value.</exception>
    public PmiTableBuilder(IOptions<PmiOptions> options, ILogger<PmiTableBuilder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = new PmiOptionsValidator().Validated(options.Value);
        _logger = logger;
    }

    /// <summary>The options in use.</summary>
    public PmiOptions Options => _options;

    /// <summary>Ranks the k-mers of <paramref name="counts"/> (see <see cref="PmiTable.Compute"/>).</summary>
    public PmiTable Build(NgramCounts counts) => PmiTable.Compute(counts, _options, _logger);
}
