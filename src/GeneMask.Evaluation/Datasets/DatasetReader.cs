using System.Globalization;
using System.Text;
using GeneMask.Infrastructure;

namespace GeneMask.Evaluation.Datasets;

/// <summary>
/// Reads labelled DNA sequences from the benchmark layouts: GUE CSV, GeneMask/DNABERT k-mer TSV and FASTA with the label
/// in the header. Every example is checked (label, bases, length); the first problem throws a
/// <see cref="DatasetFormatException"/> naming file and line. Nothing is skipped.
/// </summary>
public static class DatasetReader
{
    /// <summary>Reads a GUE CSV file (header <c>sequence,label</c>, raw bases, integer labels).</summary>
    public static IReadOnlyList<LabelledSequence> ReadGueCsv(string path, DatasetReadOptions? options = null)
    {
        using var reader = OpenText(path);
        return ReadGueCsv(reader, path, options);
    }

    /// <summary>Reads GUE CSV text; <paramref name="sourceName"/> names the source in error messages.</summary>
    public static IReadOnlyList<LabelledSequence> ReadGueCsv(TextReader reader, string sourceName, DatasetReadOptions? options = null) =>
        ReadDelimited(reader, sourceName, options, ',', kmerText: false);

    /// <summary>
    /// Reads a GeneMask/DNABERT TSV file (header <c>sequence&lt;TAB&gt;label</c>; the sequence as space-separated overlapping
    /// k-mers). Fields may be wrapped in double quotes, as in the upstream few-shot training files; the quotes are
    /// stripped, never read as part of a k-mer. The k-mers are joined back into bases.
    /// </summary>
    public static IReadOnlyList<LabelledSequence> ReadKmerTsv(string path, DatasetReadOptions? options = null)
    {
        using var reader = OpenText(path);
        return ReadKmerTsv(reader, path, options);
    }

    /// <summary>Reads k-mer TSV text; <paramref name="sourceName"/> names the source in error messages.</summary>
    public static IReadOnlyList<LabelledSequence> ReadKmerTsv(TextReader reader, string sourceName, DatasetReadOptions? options = null) =>
        ReadDelimited(reader, sourceName, options, '\t', kmerText: true);

    /// <summary>
    /// Reads FASTA whose headers carry the label as <c>key=value</c> (default key <c>label</c>), separated from the id
    /// and other fields by spaces, tabs or <c>|</c>: <c>&gt;seq1 label=1</c> or <c>&gt;seq1|label=0</c>. Sequence lines are joined.
    /// </summary>
    public static IReadOnlyList<LabelledSequence> ReadLabelledFasta(string path, DatasetReadOptions? options = null)
    {
        using var reader = OpenText(path);
        return ReadLabelledFasta(reader, path, options);
    }

    /// <summary>Reads labelled FASTA text; <paramref name="sourceName"/> names the source in error messages.</summary>
    public static IReadOnlyList<LabelledSequence> ReadLabelledFasta(TextReader reader, string sourceName, DatasetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        options = new DatasetReadOptionsValidator().Validated(options ?? new DatasetReadOptions());
        var checker = new ExampleChecker(sourceName, options);
        var result = new List<LabelledSequence>();
        var sequence = new StringBuilder();
        var headerLine = 0;
        var label = -1;
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.StartsWith('>'))
            {
                if (headerLine > 0)
                {
                    result.Add(checker.Check(sequence.ToString(), label, headerLine));
                }

                headerLine = lineNumber;
                label = ParseFastaLabel(line, options.FastaLabelKey, checker, lineNumber);
                sequence.Clear();
            }
            else if (line.Length > 0 && line[0] == ';')
            {
                // Old-style FASTA comment line.
            }
            else
            {
                if (headerLine == 0)
                {
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }

                    throw new DatasetFormatException(sourceName, lineNumber, "sequence text before the first '>' header");
                }

                sequence.Append(line.AsSpan().Trim());
            }
        }

        if (headerLine > 0)
        {
            result.Add(checker.Check(sequence.ToString(), label, headerLine));
        }

        if (result.Count == 0)
        {
            throw new DatasetFormatException(sourceName, 0, "no records; expected FASTA records with a label in each header");
        }

        return result;
    }

    private static int ParseFastaLabel(string header, string key, ExampleChecker checker, int lineNumber)
    {
        var span = header.AsSpan(1);
        foreach (var range in span.SplitAny(' ', '\t', '|'))
        {
            var field = span[range];
            if (field.Length > key.Length + 1 && field.StartsWith(key, StringComparison.Ordinal) && field[key.Length] is '=' or ':')
            {
                return checker.ParseLabel(field[(key.Length + 1)..], lineNumber);
            }
        }

        throw new DatasetFormatException(checker.SourceName, lineNumber, $"header {QuotedText.Quote(header)} has no '{key}=<class>' field");
    }

    private static List<LabelledSequence> ReadDelimited(TextReader reader, string sourceName, DatasetReadOptions? options, char separator, bool kmerText)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        options = new DatasetReadOptionsValidator().Validated(options ?? new DatasetReadOptions());
        var checker = new ExampleChecker(sourceName, options);
        var separatorName = separator == '\t' ? "<TAB>" : separator.ToString();
        var header = reader.ReadLine();
        if (header is null)
        {
            throw new DatasetFormatException(sourceName, 0, $"empty file; expected the header 'sequence{separatorName}label'");
        }

        header = header.TrimStart('\uFEFF');
        var headerFields = header.Split(separator);
        if (headerFields.Length != 2
            || !Unquote(headerFields[0], sourceName, 1).SequenceEqual("sequence")
            || !Unquote(headerFields[1], sourceName, 1).SequenceEqual("label"))
        {
            throw new DatasetFormatException(sourceName, 1, $"header {QuotedText.Quote(header)}; expected 'sequence{separatorName}label'");
        }

        var result = new List<LabelledSequence>();
        var lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var span = line.AsSpan().TrimEnd('\r');
            var cut = span.IndexOf(separator);
            if (cut < 0 || span[(cut + 1)..].Contains(separator))
            {
                throw new DatasetFormatException(sourceName, lineNumber,
                    span.IsWhiteSpace() ? "empty line; expected 'sequence" + separatorName + "label'" : $"expected 2 fields separated by '{separatorName}'");
            }

            var sequenceField = Unquote(span[..cut], sourceName, lineNumber);
            var labelField = Unquote(span[(cut + 1)..], sourceName, lineNumber);
            var label = checker.ParseLabel(labelField, lineNumber);
            string bases;
            if (kmerText)
            {
                bases = KmerBases.TryJoin(sequenceField, options.K, out var error)
                    ?? throw new DatasetFormatException(sourceName, lineNumber, error!);
            }
            else
            {
                bases = sequenceField.Trim().ToString();
            }

            result.Add(checker.Check(bases, label, lineNumber));
        }

        if (result.Count == 0)
        {
            throw new DatasetFormatException(sourceName, 0, "no examples after the header");
        }

        return result;
    }

    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> field, string sourceName, int lineNumber)
    {
        var trimmed = field.Trim();
        if (trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"')
        {
            trimmed = trimmed[1..^1];
        }

        if (trimmed.Contains('"'))
        {
            throw new DatasetFormatException(sourceName, lineNumber, "unbalanced or embedded double quote in a field");
        }

        return trimmed;
    }

    private static StreamReader OpenText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new DatasetFormatException(path, 0, "is a folder; expected a dataset file");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Dataset file '{path}' does not exist.", path);
        }

        return new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    /// <summary>The per-example checks shared by every layout.</summary>
    private sealed class ExampleChecker(string sourceName, DatasetReadOptions options)
    {
        private int _firstLength = -1;
        private int _firstLine;

        public string SourceName => sourceName;

        public int ParseLabel(ReadOnlySpan<char> text, int lineNumber)
        {
            var trimmed = text.Trim();
            if (!int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var label))
            {
                throw new DatasetFormatException(sourceName, lineNumber, $"label {QuotedText.Quote(trimmed)} is not an integer");
            }

            if (label < 0 || (options.ClassCount is { } classes && label >= classes))
            {
                var expected = options.ClassCount is { } count ? $"0 … {count - 1} ({count} classes)" : "a class index ≥ 0";
                throw new DatasetFormatException(sourceName, lineNumber, $"unknown label {label}; expected {expected}");
            }

            return label;
        }

        public LabelledSequence Check(string bases, int label, int lineNumber)
        {
            if (bases.Length == 0)
            {
                throw new DatasetFormatException(sourceName, lineNumber, "empty sequence");
            }

            var hasLowerCase = false;
            for (var i = 0; i < bases.Length; i++)
            {
                var c = bases[i];
                switch (c)
                {
                    case 'A' or 'C' or 'G' or 'T' or 'N':
                        break;
                    case 'a' or 'c' or 'g' or 't' or 'n':
                        hasLowerCase = true;
                        break;
                    default:
                        throw new DatasetFormatException(sourceName, lineNumber,
                            $"character {QuotedText.Character(c)} at position {i + 1} of the sequence; expected A, C, G, T or N");
                }
            }

            if (bases.Length < options.MinLength || bases.Length > options.MaxLength)
            {
                var promise = options.MinLength == options.MaxLength
                    ? $"the task promises {options.MinLength} bases"
                    : $"the task promises {options.MinLength} … {options.MaxLength} bases";
                throw new DatasetFormatException(sourceName, lineNumber, $"sequence of {bases.Length} bases; {promise}");
            }

            if (options.RequireUniformLength)
            {
                if (_firstLength < 0)
                {
                    _firstLength = bases.Length;
                    _firstLine = lineNumber;
                }
                else if (bases.Length != _firstLength)
                {
                    throw new DatasetFormatException(sourceName, lineNumber,
                        $"sequence of {bases.Length} bases, but line {_firstLine} has {_firstLength}; the task promises one length");
                }
            }

            return new LabelledSequence(hasLowerCase ? bases.ToUpperInvariant() : bases, label);
        }
    }
}
