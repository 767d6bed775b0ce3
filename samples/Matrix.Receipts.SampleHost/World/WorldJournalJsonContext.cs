using System.Text.Json.Serialization;

namespace Matrix.Receipts.SampleHost;

/// <summary>Source-generated (reflection-free) JSON for world journal lines; a line with an unknown key is refused.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(WorldJournalEntry))]
internal sealed partial class WorldJournalJsonContext : JsonSerializerContext;
