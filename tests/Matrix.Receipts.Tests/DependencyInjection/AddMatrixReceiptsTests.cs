using Matrix.Receipts.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Matrix.Receipts.Tests.DependencyInjection;

[TestFixture]
public sealed class AddMatrixReceiptsTests
{
    private static ServiceProvider Build(Action<MatrixReceiptsOptions>? configure, Action<IServiceCollection>? before = null)
    {
        var world = new TestWorld();
        var services = new ServiceCollection();
        services.AddSingleton<IHomeserverRooms>(world);
        services.AddSingleton<IAccessTokenValidator>(world);
        before?.Invoke(services);
        services.AddMatrixReceipts(configure);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Test]
    public void Registers_the_endpoint_services_and_a_default_store()
    {
        using ServiceProvider provider = Build(null);
        provider.GetRequiredService<MatrixReceiptsEndpoint>().Should().NotBeNull();
        provider.GetRequiredService<ReceiptService>().Should().NotBeNull();
        provider.GetRequiredService<ReadMarkerService>().Should().NotBeNull();
        provider.GetRequiredService<IReceiptStore>().Should().NotBeNull();
        provider.GetRequiredService<IReadMarkerStore>().Should().NotBeNull();
        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
        provider.GetRequiredService<MatrixReceiptsEndpoint>().Should().BeSameAs(provider.GetRequiredService<MatrixReceiptsEndpoint>());
    }

    [Test]
    public void Returns_a_builder_over_the_same_collection()
    {
        var services = new ServiceCollection();
        MatrixReceiptsBuilder builder = services.AddMatrixReceipts();
        builder.Services.Should().BeSameAs(services);
    }

    [Test]
    public void Keeps_services_the_host_registered_first()
    {
        var clock = new FakeTimeProvider();
        using ServiceProvider provider = Build(null, s => s.AddSingleton<TimeProvider>(clock));
        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(clock);
    }

    [Test]
    public void Calling_it_twice_registers_each_service_once()
    {
        var services = new ServiceCollection();
        services.AddMatrixReceipts();
        services.AddMatrixReceipts();
        services.Count(d => d.ServiceType == typeof(MatrixReceiptsEndpoint)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<MatrixReceiptsOptions>)).Should().Be(1);
    }

    [Test]
    public void Configured_options_are_applied()
    {
        using ServiceProvider provider = Build(o =>
        {
            o.MaxBodyBytes = 1024;
            o.RateLimitPerSecond = 5;
            o.StrictThreadRule = true;
        });
        MatrixReceiptsOptions options = provider.GetRequiredService<IOptions<MatrixReceiptsOptions>>().Value;
        options.MaxBodyBytes.Should().Be(1024);
        options.RateLimitPerSecond.Should().Be(5);
        options.StrictThreadRule.Should().BeTrue();
    }

    [Test]
    public void Default_options_are_valid_at_start_up()
    {
        using ServiceProvider provider = Build(null);
        FluentActions.Invoking(() => provider.GetRequiredService<IStartupValidator>().Validate()).Should().NotThrow();
    }

    [TestCase(0, 64, null, "MaxBodyBytes")]
    [TestCase(-1, 64, null, "MaxBodyBytes")]
    [TestCase(1, 64, null, "MaxBodyBytes")]
    [TestCase(17 * 1024 * 1024, 64, null, "MaxBodyBytes")]
    [TestCase(65536, 0, null, "MaxJsonDepth")]
    [TestCase(65536, 1025, null, "MaxJsonDepth")]
    [TestCase(65536, 64, 0, "RateLimitPerSecond")]
    [TestCase(65536, 64, -3, "RateLimitPerSecond")]
    [TestCase(65536, 64, 1_000_001, "RateLimitPerSecond")]
    public void Invalid_options_fail_at_start_up(int maxBody, int maxDepth, int? rate, string offending)
    {
        using ServiceProvider provider = Build(o =>
        {
            o.MaxBodyBytes = maxBody;
            o.MaxJsonDepth = maxDepth;
            o.RateLimitPerSecond = rate;
        });

        FluentActions.Invoking(() => provider.GetRequiredService<IStartupValidator>().Validate())
            .Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(offending);
        FluentActions.Invoking(() => provider.GetRequiredService<IOptions<MatrixReceiptsOptions>>().Value)
            .Should().Throw<OptionsValidationException>();
    }

    [TestCase(2, 1, 1)]
    [TestCase(16 * 1024 * 1024, 1024, 1_000_000)]
    public void Option_range_edges_are_accepted(int maxBody, int maxDepth, int rate)
    {
        using ServiceProvider provider = Build(o =>
        {
            o.MaxBodyBytes = maxBody;
            o.MaxJsonDepth = maxDepth;
            o.RateLimitPerSecond = rate;
        });
        FluentActions.Invoking(() => provider.GetRequiredService<IStartupValidator>().Validate()).Should().NotThrow();
    }

    [Test]
    public void Every_failure_is_reported_at_once()
    {
        ValidateOptionsResult result = new MatrixReceiptsOptionsValidator().Validate(null, new MatrixReceiptsOptions { MaxBodyBytes = 0, MaxJsonDepth = 0, RateLimitPerSecond = 0 });
        result.Failed.Should().BeTrue();
        result.Failures.Should().HaveCount(3);
    }
}
