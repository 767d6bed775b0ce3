namespace Matrix.Receipts.SampleHost.Tests;

[TestFixture]
public sealed class SampleHostOptionsTests
{
    [Test]
    public void No_arguments_mean_the_default_url_and_a_sqlite_store_in_data_next_to_the_working_directory()
    {
        SampleHostOptions.TryParse([], out SampleHostOptions? options, out string? error).Should().BeTrue(error);

        options!.Url.Should().Be("http://127.0.0.1:8008");
        options.Store.Should().Be(StoreKind.Sqlite);
        options.DataDirectory.Should().Be(Path.Combine(Directory.GetCurrentDirectory(), "data"));
        options.FixturePath.Should().BeNull();
        options.RateLimitPerSecond.Should().BeNull();
    }

    [Test]
    public void Every_option_is_read()
    {
        string dataDir = Path.Combine(Path.GetTempPath(), "receipts-data");

        SampleHostOptions.TryParse(
            ["--urls", "http://127.0.0.1:9009", "--fixture", "world.json", "--store", "sqlite", "--data-dir", dataDir, "--rate-limit", "5"],
            out SampleHostOptions? options,
            out string? error).Should().BeTrue(error);

        options!.Url.Should().Be("http://127.0.0.1:9009");
        options.FixturePath.Should().Be("world.json");
        options.DataDirectory.Should().Be(Path.GetFullPath(dataDir));
        options.RateLimitPerSecond.Should().Be(5);
    }

    [Test]
    public void Postgres_store_takes_the_connection_string()
    {
        SampleHostOptions.TryParse(["--store", "postgres", "--connection", "Host=127.0.0.1"], out SampleHostOptions? options, out _).Should().BeTrue();

        options!.Store.Should().Be(StoreKind.Postgres);
        options.ConnectionString.Should().Be("Host=127.0.0.1");
    }

    [TestCase(1)]
    [TestCase(1_000_000)]
    public void Rate_limit_accepts_the_range_the_receipts_module_accepts(int perSecond)
    {
        SampleHostOptions.TryParse(["--rate-limit", perSecond.ToString(System.Globalization.CultureInfo.InvariantCulture)], out SampleHostOptions? options, out string? error)
            .Should().BeTrue(error);

        options!.RateLimitPerSecond.Should().Be(perSecond);
    }

    [TestCase(new[] { "--port", "80" }, "unknown argument '--port'")]
    [TestCase(new[] { "--store" }, "--store needs a value")]
    [TestCase(new[] { "--store", "redis" }, "--store 'redis' is not one of memory, sqlite, postgres")]
    [TestCase(new[] { "--store", "postgres" }, "--store postgres needs --connection")]
    [TestCase(new[] { "--connection", "Host=x" }, "--connection is only used with --store postgres")]
    [TestCase(new[] { "--store", "memory", "--data-dir", "x" }, "--data-dir is only used with --store sqlite")]
    [TestCase(new[] { "--rate-limit", "0" }, "--rate-limit '0' is not a whole number")]
    [TestCase(new[] { "--rate-limit", "fast" }, "--rate-limit 'fast' is not a whole number")]
    [TestCase(new[] { "--rate-limit", "-1" }, "--rate-limit '-1' is not a whole number of requests per second from 1 to 1000000")]
    [TestCase(new[] { "--rate-limit", "1000001" }, "--rate-limit '1000001' is not a whole number of requests per second from 1 to 1000000")]
    [TestCase(new[] { "--rate-limit", "2147483648" }, "--rate-limit '2147483648' is not a whole number")]
    [TestCase(new[] { "--urls", "localhost" }, "--urls 'localhost' is not an http(s) URL")]
    public void Bad_arguments_are_refused_with_a_message_naming_them(string[] args, string expected)
    {
        SampleHostOptions.TryParse(args, out SampleHostOptions? options, out string? error).Should().BeFalse();

        options.Should().BeNull();
        error.Should().Contain(expected);
    }
}
