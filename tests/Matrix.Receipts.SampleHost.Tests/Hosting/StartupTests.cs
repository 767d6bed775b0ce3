using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Matrix.Receipts.SampleHost.Tests;

[TestFixture]
public sealed class StartupTests
{
    private string _tempDir = null!;

    [SetUp]
    public void CreateTempDir() => Directory.CreateDirectory(_tempDir = Path.Combine(Path.GetTempPath(), "sample-host-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void DeleteTempDir()
    {
        try
        {
            Directory.Delete(_tempDir, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite file may still be closing; the temp folder is cleaned by the OS.
        }
    }

    private static Task<(int ExitCode, string Output, string Errors)> StartExpectingFailureAsync(params string[] args) =>
        StartExpectingFailureAsync(args, configureServices: null);

    private static async Task<(int ExitCode, string Output, string Errors)> StartExpectingFailureAsync(
        string[] args, Action<IServiceCollection>? configureServices)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        (WebApplication? app, int exitCode) = await SampleHostApp.StartAsync(args, output, errors, CancellationToken.None, configureServices: configureServices);
        if (app is not null)
        {
            await app.DisposeAsync();
            Assert.Fail("the host started");
        }

        return (exitCode, output.ToString(), errors.ToString());
    }

    [Test]
    public async Task Bad_argument_stops_the_host_with_a_message_and_a_non_zero_exit_code()
    {
        (int exitCode, _, string errors) = await StartExpectingFailureAsync("--store", "redis");

        exitCode.Should().Be(SampleHostApp.UsageExitCode).And.NotBe(0);
        errors.Should().Contain("--store 'redis' is not one of memory, sqlite, postgres").And.Contain("usage:");
    }

    [Test]
    public async Task Rate_limit_above_the_module_limit_stops_the_host_with_a_usage_error()
    {
        (int exitCode, string output, string errors) = await StartExpectingFailureAsync("--urls", "http://127.0.0.1:0", "--store", "memory", "--rate-limit", "1000001");

        exitCode.Should().Be(SampleHostApp.UsageExitCode);
        errors.Should().StartWith("error: --rate-limit '1000001' is not a whole number of requests per second from 1 to 1000000").And.Contain("usage:");
        output.Should().BeEmpty();
    }

    [Test]
    public async Task Receipts_options_refused_at_start_are_reported_as_an_error_with_a_non_zero_exit_code()
    {
        (int exitCode, string output, string errors) = await StartExpectingFailureAsync(
            ["--urls", "http://127.0.0.1:0", "--store", "memory"],
            services => services.Configure<MatrixReceiptsOptions>(o => o.MaxJsonDepth = 0));

        exitCode.Should().Be(SampleHostApp.StartExitCode);
        errors.Should().StartWith("error: the host could not start (memory): ").And.Contain("MaxJsonDepth must be between 1 and 1024; it is 0.");
        output.Should().NotContain("token:");
    }

    [Test]
    public async Task Malformed_fixture_stops_the_host_naming_the_file_and_the_problem()
    {
        string fixture = Path.Combine(_tempDir, "world.json");
        await File.WriteAllTextAsync(fixture, """{"serverName": "example.org", "rooms": [{"roomId": "!r:example.org", "members": ["@ghost:example.org"]}]}""");

        (int exitCode, _, string errors) = await StartExpectingFailureAsync("--urls", "http://127.0.0.1:0", "--store", "memory", "--fixture", fixture);

        exitCode.Should().Be(SampleHostApp.FixtureExitCode).And.NotBe(0);
        errors.Should().Contain(fixture).And.Contain("'@ghost:example.org' is an unknown member");
    }

    [Test]
    public async Task Unreachable_postgres_stops_the_host_at_start_with_a_message()
    {
        (int exitCode, string output, string errors) = await StartExpectingFailureAsync(
            "--urls", "http://127.0.0.1:0", "--store", "postgres", "--connection", "Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=5");

        exitCode.Should().Be(SampleHostApp.StartExitCode);
        errors.Should().Contain("error: the host could not start (postgres)");
        output.Should().NotContain("token:");
    }

    [Test]
    public async Task Malformed_connection_string_stops_the_host_at_start_with_a_message()
    {
        (int exitCode, _, string errors) = await StartExpectingFailureAsync(
            "--urls", "http://127.0.0.1:0", "--store", "postgres", "--connection", "Colour=teal");

        exitCode.Should().Be(SampleHostApp.StartExitCode);
        errors.Should().Contain("error: the host could not start (postgres)");
    }

    [Test]
    public async Task Memory_store_host_prints_its_url_and_every_token_one_line_each()
    {
        await using RunningHost host = await RunningHost.StartAsync("--store", "memory");

        string[] lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().Contain("url: " + host.Url);
        host.Url.Should().StartWith("http://127.0.0.1:").And.NotEndWith(":0");
        lines.Should().Contain("store: memory");
        lines.Should().Contain("token: @alice:example.org alice_token");
        lines.Should().Contain("token: @bob:example.org bob_token");
        lines.Should().Contain("token: @carol:example.org carol_token");
        lines.Should().Contain("token: @guest:example.org guest_token guest");
        (await host.Alice.GetAsync("/_matrix/client/v3/account/whoami")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Fixture_file_replaces_the_demo_world()
    {
        string fixture = Path.Combine(_tempDir, "world.json");
        await File.WriteAllTextAsync(fixture, """
            {"serverName": "test.local", "users": [{"userId": "@zed:test.local", "accessToken": "zed"}],
             "rooms": [{"roomId": "!z:test.local", "members": ["@zed:test.local"], "events": [{"eventId": "$z1", "sender": "@zed:test.local"}]}]}
            """);

        await using RunningHost host = await RunningHost.StartAsync("--fixture", fixture);

        host.Output.Should().Contain("token: @zed:test.local zed").And.NotContain("alice_token");
        MatrixReply whoami = await host.As("zed").GetAsync("/_matrix/client/v3/account/whoami");
        whoami.Body!["user_id"]!.GetValue<string>().Should().Be("@zed:test.local");
        (await host.Alice.GetAsync("/_matrix/client/v3/account/whoami")).Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Sqlite_store_lives_in_the_data_dir_and_keeps_receipts_across_restarts()
    {
        string dataDir = Path.Combine(_tempDir, "data");
        string oldToken;
        await using (RunningHost first = await RunningHost.StartAsync("--store", "sqlite", "--data-dir", dataDir))
        {
            first.Output.Should().Contain("store: sqlite " + Path.Combine(dataDir, "receipts.db"));
            (await first.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read", "$lunch")).Status.Should().Be(HttpStatusCode.OK);
            oldToken = (await first.Bob.SyncAsync()).Body!["next_batch"]!.GetValue<string>();
        }

        File.Exists(Path.Combine(dataDir, "receipts.db")).Should().BeTrue();

        await using RunningHost second = await RunningHost.StartAsync("--store", "sqlite", "--data-dir", dataDir);
        MatrixReply sync = await second.Bob.SyncAsync();
        sync.Body!["rooms"]!["join"]![MatrixClient.Lobby]!["ephemeral"]!["events"]![0]!["content"]!["$lunch"]!["m.read"]!["@alice:example.org"]
            .Should().NotBeNull("the receipt was stored in the SQLite file before the restart");
        MatrixReply withOldToken = await second.Bob.SyncAsync(oldToken, timeoutMs: 0);
        withOldToken.Body!["rooms"]!["join"]![MatrixClient.Lobby]!["unread_notifications"]
            .Should().NotBeNull("a token from before the restart gets a full sync, not an empty delta");
    }
}
