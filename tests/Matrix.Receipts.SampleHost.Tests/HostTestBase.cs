namespace Matrix.Receipts.SampleHost.Tests;

/// <summary>Starts a fresh demo-world host (memory store) for every test.</summary>
public abstract class HostTestBase
{
    private RunningHost? _host;

    internal RunningHost Host => _host ?? throw new InvalidOperationException("The host is not started.");

    /// <summary>Extra command-line arguments of the host under test.</summary>
    protected virtual string[] HostArguments => [];

    [SetUp]
    public async Task StartHostAsync() => _host = await RunningHost.StartAsync(HostArguments);

    [TearDown]
    public async Task StopHostAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }
}
