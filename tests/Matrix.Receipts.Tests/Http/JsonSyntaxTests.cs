using System.Text;
using System.Text.Json;

namespace Matrix.Receipts.Tests.Http;

[TestFixture]
public sealed class JsonSyntaxTests
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\"a\"", "\"b\"", "\"\\u0061\"", "\"\\n\"", "\"é\"", "1", "0", "-", ".", "e", "+",
        "12.5e-3", "true", "false", "null", " ", "\t", "\\", "x",
    ];

    [Test]
    public void Agrees_with_the_framework_parser_on_random_token_soup()
    {
        var random = new Random(20260103);
        int valid = 0;
        for (int n = 0; n < 10_000; n++)
        {
            var text = new StringBuilder();
            int count = random.Next(1, 12);
            for (int t = 0; t < count; t++)
            {
                text.Append(Tokens[random.Next(Tokens.Length)]);
            }

            byte[] json = Encoding.UTF8.GetBytes(text.ToString());
            bool expected = ReferenceIsValid(json, 4);
            JsonSyntax.IsValid(json, 4).Should().Be(expected, text.ToString());
            if (expected)
            {
                valid++;
            }
        }

        valid.Should().BeGreaterThan(100, "the sample must contain valid documents too");
    }

    [TestCase("{}", true)]
    [TestCase("{\"a\":[1,2,{\"b\":null}],\"c\":\"\\ud83d\\ude00\"}", true)]
    [TestCase("-0.0e+0", true)]
    [TestCase("\"\\ud83d\"", false)]
    [TestCase("\"\\ud83d\\u0041\"", false)]
    [TestCase("[1 2]", false)]
    [TestCase("{\"a\" 1}", false)]
    [TestCase("", false)]
    public void Accepts_exactly_rfc_8259_documents(string json, bool valid) =>
        JsonSyntax.IsValid(Encoding.UTF8.GetBytes(json), 64).Should().Be(valid);

    private static bool ReferenceIsValid(byte[] json, int maxDepth)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = maxDepth });
            return HasNoDuplicates(doc.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool HasNoDuplicates(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (!seen.Add(property.Name) || !HasNoDuplicates(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                return element.EnumerateArray().All(HasNoDuplicates);
            default:
                return true;
        }
    }
}
