using System.Net;
using System.Text.Json;

namespace Matrix.Receipts.AspNetCore.Tests;

/// <summary>A response as a Matrix client sees it: status, content type, body and the errcode if any.</summary>
internal sealed record MatrixReply(HttpStatusCode Status, string? ContentType, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public string? ErrCode => Json?.TryGetProperty("errcode", out JsonElement code) == true ? code.GetString() : null;

    public JsonElement? Json
    {
        get
        {
            try
            {
                using var doc = JsonDocument.Parse(Body);
                return doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    public static async Task<MatrixReply> FromAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers.Concat(response.Content.Headers))
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        return new MatrixReply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, headers);
    }

    /// <summary>Asserts a Matrix error: status, errcode, <c>application/json</c>, and the <c>{"errcode","error"}</c> shape.</summary>
    public MatrixReply ShouldBeError(HttpStatusCode status, string errcode)
    {
        Status.Should().Be(status, Body);
        ContentType.Should().Be("application/json");
        ErrCode.Should().Be(errcode, Body);
        Json!.Value.GetProperty("error").ValueKind.Should().Be(JsonValueKind.String);
        return this;
    }

    /// <summary>Asserts 200 with exactly <c>{}</c> as <c>application/json</c>.</summary>
    public MatrixReply ShouldBeOkEmpty()
    {
        Status.Should().Be(HttpStatusCode.OK, Body);
        ContentType.Should().Be("application/json");
        Body.Should().Be("{}");
        return this;
    }
}
