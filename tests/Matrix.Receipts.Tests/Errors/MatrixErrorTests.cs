using System.Text;
using System.Text.Json;

namespace Matrix.Receipts.Tests.Errors;

[TestFixture]
public sealed class MatrixErrorTests
{
    [Test]
    public void Error_body_is_errcode_and_error_only()
    {
        string json = Encoding.UTF8.GetString(MatrixError.InvalidParam("bad").ToJsonBytes());

        json.Should().Be("""{"errcode":"M_INVALID_PARAM","error":"bad"}""");
    }

    [Test]
    public void Rate_limited_error_carries_retry_after_ms()
    {
        string json = Encoding.UTF8.GetString(MatrixError.LimitExceeded(1500).ToJsonBytes());

        json.Should().Be("""{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":1500}""");
    }

    [Test]
    public void Identifiers_in_messages_are_written_verbatim_not_html_escaped()
    {
        string json = Encoding.UTF8.GetString(MatrixError.InvalidParam("event_id $a+b/c is not related to thread 'main'").ToJsonBytes());

        json.Should().Contain("$a+b/c").And.Contain("'main'");
        using JsonDocument parsed = JsonDocument.Parse(json);
        parsed.RootElement.GetProperty("error").GetString().Should().Be("event_id $a+b/c is not related to thread 'main'");
    }
}
