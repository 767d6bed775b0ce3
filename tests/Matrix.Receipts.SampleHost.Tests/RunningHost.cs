using Microsoft.AspNetCore.Builder;

namespace Matrix.Receipts.SampleHost.Tests;

/// <summary>The sample host started in-process on real Kestrel, on a free loopback port.</summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningHost(WebApplication app, string url, string output)
    {
        _app = app;
        Url = url;
        Output = output;
        Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Url { get; }

    /// <summary>What the host printed at start.</summary>
    public string Output { get; }

    public HttpClient Http { get; }

    public MatrixClient Alice => As("alice_token");

    public MatrixClient Bob => As("bob_token");

    public MatrixClient Carol => As("carol_token");

    public MatrixClient Guest => As("guest_token");

    public MatrixClient Anonymous => new(Http, null);

    public MatrixClient As(string token) => new(Http, token);

    /// <summary>Starts the host; the store is <c>memory</c> unless <paramref name="args"/> names one.</summary>
    public static async Task<RunningHost> StartAsync(params string[] args)
    {
        string[] full = ["--urls", "http://127.0.0.1:0", .. args.Contains("--store") ? Array.Empty<string>() : ["--store", "memory"], .. args];
        using var output = new StringWriter();
        using var errors = new StringWriter();
        (WebApplication? app, int exitCode) = await SampleHostApp.StartAsync(full, output, errors, CancellationToken.None);
        if (app is null)
        {
            throw new InvalidOperationException($"the host did not start (exit code {exitCode}): {errors}");
        }

        return new RunningHost(app, SampleHostApp.GetListeningUrl(app, string.Empty), output.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
