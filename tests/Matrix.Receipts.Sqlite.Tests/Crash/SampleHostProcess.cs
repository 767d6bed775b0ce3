using System.Diagnostics;

namespace Matrix.Receipts.Sqlite.Tests.Crash;

/// <summary>The sample host running as a child process (<c>dotnet Matrix.Receipts.SampleHost.dll</c>), killable with SIGKILL.</summary>
internal sealed class SampleHostProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;

    private SampleHostProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Starts the host on a free port with the SQLite store in <paramref name="dataDirectory"/> and waits for its URL line.</summary>
    public static async Task<SampleHostProcess> StartAsync(string fixturePath, string dataDirectory)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            LocateSampleHost(), "--urls", "http://127.0.0.1:0", "--store", "sqlite", "--data-dir", dataDirectory, "--fixture", fixturePath,
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var url = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("url: ", StringComparison.Ordinal))
            {
                url.TrySetResult(new Uri(line["url: ".Length..].Trim()));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Enqueue(e.Data);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => url.TrySetException(new InvalidOperationException(
            $"The sample host exited with code {process.ExitCode} before printing its URL: {string.Join(Environment.NewLine, errors)}"));

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new SampleHostProcess(process, await url.Task.WaitAsync(StartTimeout));
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, no checkpoint; whatever was not durable is lost.</summary>
    public void KillHard()
    {
        Kill(_process);
        _process.WaitForExit(30_000).Should().BeTrue("a killed process exits");
    }

    public void Dispose()
    {
        Kill(_process);
        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            // Process.Kill sends SIGKILL on Unix.
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>
    /// The sample host's build output, built alongside this project (a ProjectReference without its assembly);
    /// MATRIX_RECEIPTS_SAMPLE_HOST overrides it with the path of another build.
    /// </summary>
    private static string LocateSampleHost()
    {
        string? overridePath = Environment.GetEnvironmentVariable("MATRIX_RECEIPTS_SAMPLE_HOST");
        if (!string.IsNullOrEmpty(overridePath))
        {
            return overridePath;
        }

        // .../tests/Matrix.Receipts.Sqlite.Tests/bin/<Configuration>/<tfm>/ -> .../samples/Matrix.Receipts.SampleHost/bin/<Configuration>/<tfm>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string tfm = output.Name;
        string configuration = output.Parent!.Name;
        DirectoryInfo repository = output.Parent!.Parent!.Parent!.Parent!.Parent!;
        string path = Path.Combine(repository.FullName, "samples", "Matrix.Receipts.SampleHost", "bin", configuration, tfm, "Matrix.Receipts.SampleHost.dll");
        File.Exists(path).Should().BeTrue($"the sample host is built next to the tests ({path})");
        return path;
    }
}
