using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GeneMask.Infrastructure;

namespace GeneMask.Reproduction.Experiments;

/// <summary>
/// The file that marks a piece as done: <c>{"identity": {…}, "result": …}</c>, written atomically once the piece's
/// outputs are complete. Without it a piece is not done, whatever else its folder holds.
/// </summary>
internal static class PieceRecord
{
    public static void Write<T>(string path, ResultIdentity identity, T result, JsonTypeInfo<T> type) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writer.WriteStartObject("identity");
            foreach (var (name, value) in identity.Parts)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WritePropertyName("result");
            JsonSerializer.Serialize(writer, result, type);
            writer.WriteEndObject();
        });

    /// <summary>The stored identity and result; null when there is no record.</summary>
    /// <exception cref="FormatException">The file is not a record (names the file; deleting it recomputes the piece).</exception>
    public static (ResultIdentity Identity, T Result)? Read<T>(string path, JsonTypeInfo<T> type) =>
        Parse<(ResultIdentity, T)?>(path, root => (Identity(root), root.GetProperty("result").Deserialize(type) ?? throw new FormatException($"{path}: the result is 'null'.")));

    /// <summary>The stored identity, or null when there is no record.</summary>
    /// <exception cref="FormatException">The file is not a record.</exception>
    public static ResultIdentity? ReadIdentity(string path) => Parse<ResultIdentity?>(path, Identity);

    private static ResultIdentity Identity(JsonElement root) => ResultIdentity.FromParts(root.GetProperty("identity").EnumerateObject()
        .Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? string.Empty)));

    private static T? Parse<T>(string path, Func<JsonElement, T> read)
    {
        if (!File.Exists(path))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"{path}: not a result record of GeneMask ({e.Message}). Delete it to compute the result again.", e);
        }
    }
}
