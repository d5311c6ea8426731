using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace GeneMask.Masking;

/// <summary>
/// The one list of masking strategies and curricula, by name: dependency injection, the reproduction pipeline, the
/// comparison, the command line, the figure, the benchmarks and the tests all read it, so that a name means the same
/// thing everywhere and an unknown name is an error that lists the known ones. A strategy written outside the library
/// joins with <see cref="Register"/>.
/// </summary>
/// <remarks>
/// Adding a strategy is its class, its tests and one entry: in the list below for the library's own, through
/// <see cref="Register"/> for anyone else's. Every strategy can then be pretrained by name (for the whole run),
/// compared as an arm by name and used by the sample commands by name.
/// </remarks>
public static partial class MaskingCatalog
{
    /// <summary>Words the consumers use for sets or for no masking at all; no entry may take them.</summary>
    public static IReadOnlyList<string> ReservedNames { get; } = ["all", "default", "none"];

    private static readonly Lock Gate = new();
    private static volatile Snapshot _current = Snapshot.Of(
    [
        new MaskingStrategyEntry<RandomTokenMasking, RandomTokenMaskingOptions>
        {
            Name = RandomTokenMasking.StrategyName,
            Title = "random token (BERT)",
            Factory = (_, options) => new RandomTokenMasking(options),
            Section = o => o.RandomToken,
        },
        new MaskingStrategyEntry<KmerSpanMasking, KmerSpanMaskingOptions>
        {
            Name = KmerSpanMasking.StrategyName,
            Title = "k-mer span (DNABERT)",
            PaperName = string.Empty,
            Aliases = ["random-span"],
            Factory = (_, options) => new KmerSpanMasking(options),
            Configure = (options, table, _) => options.K = table.K,
            Section = o => o.KmerSpan,
        },
        new MaskingStrategyEntry<GeneMaskMasking, GeneMaskMaskingOptions>
        {
            Name = GeneMaskMasking.StrategyName,
            Title = "GeneMask",
            PaperName = "GeneMask",
            Factory = (table, options) => new GeneMaskMasking(table, options),
            Configure = (options, _, compatibility) => compatibility.ApplyTo(options),
            Section = o => o.GeneMask,
        },
        new MaskingStrategyEntry<GlobalPmiMasking, GlobalPmiMaskingOptions>
        {
            Name = GlobalPmiMasking.StrategyName,
            Title = "Global PMI",
            PaperName = "Global",
            Aliases = ["global-pmi"],
            Factory = (table, options) => new GlobalPmiMasking(table, options),
            Configure = (options, _, compatibility) => compatibility.ApplyTo(options),
            Section = o => o.GlobalPmi,
        },
        new CurriculumEntry
        {
            Name = CmGemsCurriculum.CurriculumName,
            Title = "CM-GEMS (GeneMask, then Global PMI)",
            PaperName = "CM-GEMS",
            Strategies = [GeneMaskMasking.StrategyName, GlobalPmiMasking.StrategyName],
            DecidesOnEvaluations = true,
            Factory = (s, settings) => new CmGemsCurriculum(s[0], s[1], settings.CmGems, settings.Loggers?.CreateLogger<CmGemsCurriculum>()),
        },
        new CurriculumEntry
        {
            Name = CmStepCurriculum.CurriculumName,
            Title = "CM-Step (k-mer span and Global PMI, rising share of Global)",
            PaperName = "CM-Step",
            Strategies = [KmerSpanMasking.StrategyName, GlobalPmiMasking.StrategyName],
            Factory = (s, settings) => new CmStepCurriculum(s[0], s[1], settings.CmStep, settings.Loggers?.CreateLogger<CmStepCurriculum>()),
        },
    ]);

    /// <summary>The strategies, the library's first, then the registered ones in registration order.</summary>
    public static IReadOnlyList<MaskingStrategyEntry> Strategies => _current.Strategies;

    /// <summary>The curricula (<c>cm-gems</c>, <c>cm-step</c>).</summary>
    public static IReadOnlyList<CurriculumEntry> Curricula => _current.Curricula;

    /// <summary>Everything a run can be pretrained with by name: every strategy (for the whole run), then every curriculum.</summary>
    public static IReadOnlyList<MaskingCatalogEntry> All => _current.All;

    /// <summary>The strategy or curriculum of a name or alias (case ignored).</summary>
    /// <exception cref="ArgumentException">No entry has that name; the message lists the known ones.</exception>
    public static MaskingCatalogEntry Get(string name) =>
        TryGet(name, out var entry) ? entry : throw Unknown("masking strategy or curriculum", name, All);

    /// <summary>The strategy of a name or alias (case ignored).</summary>
    /// <exception cref="ArgumentException">No strategy has that name; the message lists the known ones.</exception>
    public static MaskingStrategyEntry GetStrategy(string name) =>
        TryGet(name, out var entry) && entry is MaskingStrategyEntry strategy ? strategy : throw Unknown("masking strategy", name, Strategies);

    /// <summary>The curriculum of a name or alias (case ignored).</summary>
    /// <exception cref="ArgumentException">No curriculum has that name; the message lists the known ones.</exception>
    public static CurriculumEntry GetCurriculum(string name) =>
        TryGet(name, out var entry) && entry is CurriculumEntry curriculum ? curriculum : throw Unknown("curriculum", name, Curricula);

    /// <summary>Looks a name or alias up (case and surrounding spaces ignored).</summary>
    public static bool TryGet(string? name, [NotNullWhen(true)] out MaskingCatalogEntry? entry)
    {
        entry = null;
        return name is not null && _current.ByName.TryGetValue(name.Trim(), out entry);
    }

    /// <summary>
    /// Adds a strategy written outside the library: from then on it can be pretrained, compared and used on the command
    /// line by its name. Register before the consumers read the catalogue (e.g. before <c>AddGeneMaskMasking</c> or
    /// building the command line). Registering the same entry again does nothing.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <exception cref="ArgumentException">
    /// The name is not lower-case words joined by '-', is reserved (<see cref="ReservedNames"/>), or it or an alias is
    /// taken by another entry.
    /// </exception>
    public static void Register(MaskingStrategyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (Gate)
        {
            if (!_current.All.Contains(entry))
            {
                _current = Snapshot.Of([.. _current.All, entry]);
            }
        }
    }

    private static ArgumentException Unknown(string what, string? name, IEnumerable<MaskingCatalogEntry> known)
    {
        var entries = known.ToList();
        var aliases = entries.SelectMany(e => e.Aliases.Select(a => $"{a} = {e.Name}")).ToList();
        return new ArgumentException(
            $"Unknown {what} '{name}'; expected one of {string.Join(", ", entries.Select(e => e.Name))}{(aliases.Count > 0 ? $" (also accepted: {string.Join(", ", aliases)})" : string.Empty)}.",
            nameof(name));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NamePattern();

    /// <summary>One immutable state of the catalogue: readers never lock.</summary>
    private sealed class Snapshot
    {
        private Snapshot(IReadOnlyList<MaskingCatalogEntry> all, Dictionary<string, MaskingCatalogEntry> byName)
        {
            All = all;
            ByName = byName;
            Strategies = [.. all.OfType<MaskingStrategyEntry>()];
            Curricula = [.. all.OfType<CurriculumEntry>()];
        }

        public IReadOnlyList<MaskingCatalogEntry> All { get; }

        public IReadOnlyList<MaskingStrategyEntry> Strategies { get; }

        public IReadOnlyList<CurriculumEntry> Curricula { get; }

        public Dictionary<string, MaskingCatalogEntry> ByName { get; }

        public static Snapshot Of(IReadOnlyList<MaskingCatalogEntry> entries)
        {
            var byName = new Dictionary<string, MaskingCatalogEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in entries)
            {
                foreach (var name in entry.Aliases.Prepend(entry.Name))
                {
                    if (name is null || !NamePattern().IsMatch(name))
                    {
                        throw new ArgumentException($"'{name}' cannot name a catalogue entry: use lower-case letters and digits, words joined by '-' (e.g. wide-span).", nameof(entries));
                    }

                    if (ReservedNames.Contains(name))
                    {
                        throw new ArgumentException($"'{name}' is reserved ({string.Join(", ", ReservedNames)}) and cannot name a catalogue entry.", nameof(entries));
                    }

                    if (!byName.TryAdd(name, entry))
                    {
                        throw new ArgumentException($"'{name}' already names the catalogue entry '{byName[name].Name}'.", nameof(entries));
                    }
                }

                if (entry is CurriculumEntry curriculum && curriculum.Strategies.FirstOrDefault(s => !byName.TryGetValue(s, out var e) || e is not MaskingStrategyEntry) is { } missing)
                {
                    throw new ArgumentException($"The curriculum '{entry.Name}' draws from '{missing}', which is not a strategy listed before it.", nameof(entries));
                }
            }

            return new Snapshot([.. entries], byName);
        }
    }
}
