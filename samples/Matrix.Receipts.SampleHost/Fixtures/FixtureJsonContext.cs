using System.Text.Json.Serialization;

namespace Matrix.Receipts.SampleHost;

/// <summary>Source-generated (reflection-free) JSON for fixture files. Unknown keys are refused so a typo is reported, not ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(FixtureDocument))]
internal sealed partial class FixtureJsonContext : JsonSerializerContext;
