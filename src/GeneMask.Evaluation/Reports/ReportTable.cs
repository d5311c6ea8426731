using System.Globalization;
using System.Text;
using System.Text.Json;
using GeneMask.Infrastructure;

namespace GeneMask.Evaluation.Reports;

/// <summary>
/// A paper-shaped table with renderers for people (Markdown, aligned for terminals and GitHub) and machines (CSV,
/// JSON). Every row names its source (measured / published).
/// </summary>
public sealed class ReportTable
{
    /// <summary>Creates a table; every row must have one cell per column.</summary>
    public ReportTable(string id, string title, IReadOnlyList<ReportColumn> columns, IReadOnlyList<ReportRow> rows, IReadOnlyList<string> notes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(notes);
        foreach (var row in rows)
        {
            if (row.Cells.Count != columns.Count)
            {
                throw new ArgumentException($"Row '{row.Model}' has {row.Cells.Count} cells for {columns.Count} columns.", nameof(rows));
            }
        }

        Id = id;
        Title = title;
        Columns = columns;
        Rows = rows;
        Notes = notes;
    }

    /// <summary>File stem and JSON id (<c>table2-gue-mcc</c>).</summary>
    public string Id { get; }

    /// <summary>Title.</summary>
    public string Title { get; }

    /// <summary>The value columns (the model and source columns come first and are implicit).</summary>
    public IReadOnlyList<ReportColumn> Columns { get; }

    /// <summary>The rows, measured ones first.</summary>
    public IReadOnlyList<ReportRow> Rows { get; }

    /// <summary>Notes printed under the table (data caveats, definitions).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Markdown: a title, a pipe table padded to column widths, and the notes.</summary>
    public string ToMarkdown()
    {
        var headers = new List<string> { "Model", "Source" };
        headers.AddRange(Columns.Select(c => c.Header));
        var table = Rows.Select(r => (IReadOnlyList<string>)[EscapeMarkdown(r.Model), SourceText(r.Source), .. r.Cells.Select(c => EscapeMarkdown(c.Text))]).ToList();
        var widths = headers.Select((h, i) => Math.Max(3, table.Select(r => r[i].Length).Prepend(h.Length).Max())).ToArray();
        var numeric = headers.Select((_, i) => i >= 2).ToArray();
        var builder = new StringBuilder();
        builder.Append("### ").Append(Title).Append('\n').Append('\n');
        AppendMarkdownRow(builder, headers, widths, numeric);
        builder.Append('|');
        for (var i = 0; i < widths.Length; i++)
        {
            builder.Append(' ').Append(new string('-', widths[i] - 1)).Append(numeric[i] ? ':' : '-').Append(" |");
        }

        builder.Append('\n');
        foreach (var row in table)
        {
            AppendMarkdownRow(builder, row, widths, numeric);
        }

        builder.Append('\n');
        if (Rows.Any(r => r.Source == ValueSource.Published))
        {
            builder.Append("- Rows marked *published* are the numbers printed in the paper, for reference; they were not measured here and are never averaged with measured rows.\n");
        }

        foreach (var note in Notes)
        {
            builder.Append("- ").Append(note).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>CSV (RFC 4180): <c>model,source,</c> then one column per value column (plus <c>{key}_std</c> where it has one). Numbers in invariant culture, empty when absent.</summary>
    public string ToCsv()
    {
        var builder = new StringBuilder();
        var header = new List<string> { "model", "source" };
        foreach (var column in Columns)
        {
            header.Add(column.Key);
            if (column.HasStd)
            {
                header.Add(column.Key + "_std");
            }
        }

        AppendCsvRow(builder, header);
        foreach (var row in Rows)
        {
            var fields = new List<string> { row.Model, SourceKey(row.Source) };
            for (var i = 0; i < Columns.Count; i++)
            {
                fields.Add(Number(row.Cells[i].Value));
                if (Columns[i].HasStd)
                {
                    fields.Add(Number(row.Cells[i].Std));
                }
            }

            AppendCsvRow(builder, fields);
        }

        return builder.ToString();
    }

    /// <summary>JSON: <c>{"id","title","columns":[{key,header}],"rows":[{model,source,values:{key:{value,std,text}}}],"notes"}</c>.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", Id);
            writer.WriteString("title", Title);
            writer.WriteStartArray("columns");
            foreach (var column in Columns)
            {
                writer.WriteStartObject();
                writer.WriteString("key", column.Key);
                writer.WriteString("header", column.Header);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("rows");
            foreach (var row in Rows)
            {
                writer.WriteStartObject();
                writer.WriteString("model", row.Model);
                writer.WriteString("source", SourceKey(row.Source));
                writer.WriteStartObject("values");
                for (var i = 0; i < Columns.Count; i++)
                {
                    var cell = row.Cells[i];
                    writer.WriteStartObject(Columns[i].Key);
                    WriteNumber(writer, "value", cell.Value);
                    WriteNumber(writer, "std", cell.Std);
                    writer.WriteString("text", cell.Text);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("notes");
            foreach (var note in Notes)
            {
                writer.WriteStringValue(note);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes <c>{Id}.md</c>, <c>{Id}.csv</c> and <c>{Id}.json</c> into <paramref name="directory"/> (atomically) and returns their paths.</summary>
    public IReadOnlyList<string> WriteAll(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var paths = new[] { Path.Combine(directory, Id + ".md"), Path.Combine(directory, Id + ".csv"), Path.Combine(directory, Id + ".json") };
        AtomicFile.WriteAllText(paths[0], ToMarkdown());
        AtomicFile.WriteAllText(paths[1], ToCsv());
        AtomicFile.WriteAllText(paths[2], ToJson());
        return paths;
    }

    internal static string SourceKey(ValueSource source) => source == ValueSource.Published ? "published" : "measured";

    private static string SourceText(ValueSource source) => source == ValueSource.Published ? "*published*" : "measured";

    // Ten decimals hide binary noise (100 × 0.7 = 70.00000000000001) and keep far more precision than any metric has.
    private static double Tidy(double value) => Math.Round(value, 10);

    private static string Number(double? value) => value is { } v ? Tidy(v).ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, Tidy(v));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string EscapeMarkdown(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static void AppendMarkdownRow(StringBuilder builder, IReadOnlyList<string> cells, int[] widths, bool[] rightAligned)
    {
        builder.Append('|');
        for (var i = 0; i < cells.Count; i++)
        {
            builder.Append(' ').Append(rightAligned[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i])).Append(" |");
        }

        builder.Append('\n');
    }

    private static void AppendCsvRow(StringBuilder builder, List<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                builder.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                builder.Append(field);
            }
        }

        builder.Append("\r\n");
    }
}
