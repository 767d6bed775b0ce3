using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Matrix.Receipts.PostgreSql.Tests;

/// <summary>
/// One sample-host process (samples/Matrix.Receipts.SampleHost, built with this test project) on a free loopback port.
/// Started with <c>--urls http://127.0.0.1:0</c>; ready once it prints its <c>url:</c> line. Killed on dispose.
/// </summary>
internal sealed class SampleHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private SampleHostProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Url { get; }

    public HttpClient Http { get; }

    public static async Task<SampleHostProcess> StartAsync(params string[] args)
    {
        ProcessStartInfo start = new("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FindSampleHost());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        StringBuilder errors = new();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();

        using CancellationTokenSource timeout = new(StartTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("url: ", StringComparison.Ordinal))
                {
                    // Keep draining stdout so the host never blocks on a full pipe.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return new SampleHostProcess(process, new Uri(line["url: ".Length..].Trim()));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None);
        string stderr;
        lock (errors)
        {
            stderr = errors.ToString();
        }

        process.Dispose();
        throw new InvalidOperationException($"The sample host did not print its URL within {StartTimeout.TotalSeconds} s: {stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
    }

    private static string FindSampleHost()
    {
        // The test project builds the sample (a non-referencing ProjectReference) in the same configuration.
        string configuration = typeof(SampleHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "samples", "Matrix.Receipts.SampleHost", "bin", configuration, "net10.0", "Matrix.Receipts.SampleHost.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Matrix.Receipts.SampleHost.dll ({configuration}) was not found above {AppContext.BaseDirectory}; build the solution first.");
    }
}
