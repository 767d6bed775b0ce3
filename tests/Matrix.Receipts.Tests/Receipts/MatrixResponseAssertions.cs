using System.Text;
using System.Text.Json;

namespace Matrix.Receipts.Tests;

/// <summary>Assertions on host-neutral responses.</summary>
internal static class MatrixResponseAssertions
{
    public static void ShouldBeOk(this MatrixResponse response)
    {
        response.StatusCode.Should().Be(200, Encoding.UTF8.GetString(response.Body.Span));
        Encoding.UTF8.GetString(response.Body.Span).Should().Be("{}");
    }

    public static JsonElement ShouldBeError(this MatrixResponse response, int status, string errcode)
    {
        string body = Encoding.UTF8.GetString(response.Body.Span);
        response.StatusCode.Should().Be(status, body);
        using JsonDocument doc = JsonDocument.Parse(body);
        doc.RootElement.GetProperty("errcode").GetString().Should().Be(errcode, body);
        doc.RootElement.GetProperty("error").ValueKind.Should().Be(JsonValueKind.String);
        return doc.RootElement.Clone();
    }

    public static string ErrorMessage(this MatrixResponse response)
    {
        using JsonDocument doc = JsonDocument.Parse(response.Body);
        return doc.RootElement.GetProperty("error").GetString()!;
    }
}
