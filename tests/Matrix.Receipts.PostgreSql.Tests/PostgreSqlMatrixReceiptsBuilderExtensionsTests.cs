using Matrix.Receipts.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Matrix.Receipts.PostgreSql.Tests.ReceiptFactory;

namespace Matrix.Receipts.PostgreSql.Tests;

[TestFixture]
public sealed class PostgreSqlMatrixReceiptsBuilderExtensionsTests
{
    private PostgreSqlTestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await PostgreSqlTestDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [Test]
    public async Task UsePostgreSqlStore_replaces_the_default_store_with_one_instance_behind_both_interfaces()
    {
        await using ServiceProvider provider = Services().AddMatrixReceipts().UsePostgreSqlStore(_database.DataSource).Services.BuildServiceProvider();

        IReceiptStore receipts = provider.GetRequiredService<IReceiptStore>();
        IReadMarkerStore markers = provider.GetRequiredService<IReadMarkerStore>();

        receipts.Should().BeOfType<PostgreSqlReceiptStore>().And.BeSameAs(markers);
        provider.GetServices<IReceiptStore>().Should().ContainSingle();
        provider.GetServices<IReadMarkerStore>().Should().ContainSingle();
    }

    [Test]
    public async Task Parameterless_overload_uses_the_data_source_registered_in_the_container()
    {
        ServiceCollection services = Services();
        services.AddSingleton(_database.CreateDataSource());
        await using ServiceProvider provider = services.AddMatrixReceipts().UsePostgreSqlStore().Services.BuildServiceProvider();

        StoreWriteResult write = await provider.GetRequiredService<IReceiptStore>().TryAdvanceAsync(Read(1, room: RoomId.Parse("!di:example.org")));

        write.Changed.Should().BeTrue();
        (await _database.ScalarAsync<long>("SELECT count(*) FROM matrix_receipts.receipts WHERE room_id = '!di:example.org'")).Should().Be(1);
    }

    [Test]
    public async Task Parameterless_overload_without_a_data_source_fails_with_a_message_naming_the_fix()
    {
        await using ServiceProvider provider = Services().AddMatrixReceipts().UsePostgreSqlStore().Services.BuildServiceProvider();

        Action resolve = () => provider.GetRequiredService<IReceiptStore>();

        resolve.Should().Throw<InvalidOperationException>().WithMessage("*NpgsqlDataSource*UsePostgreSqlStore(dataSource)*");
    }

    [Test]
    public async Task Writes_of_another_instance_reach_the_change_notifier_registered_in_the_container()
    {
        RecordingReceiptChangeNotifier notifier = new();
        ServiceCollection services = Services();
        services.AddSingleton<IReceiptChangeNotifier>(notifier);
        await using ServiceProvider provider = services.AddMatrixReceipts().UsePostgreSqlStore(_database.DataSource).Services.BuildServiceProvider();
        await provider.GetRequiredService<IReceiptStore>().GetCurrentPositionAsync();
        await using PostgreSqlReceiptStore otherInstance = new(_database.CreateDataSource());
        RoomId room = RoomId.Parse("!notified:example.org");

        StoreWriteResult write = await otherInstance.TryAdvanceAsync(Read(1, room: room));

        await notifier.WaitForAsync(room, write.Position).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task Disposing_the_container_stops_the_store_but_leaves_the_given_data_source_usable()
    {
        NpgsqlDataSource dataSource = _database.CreateDataSource();
        ServiceProvider provider = Services().AddMatrixReceipts().UsePostgreSqlStore(dataSource).Services.BuildServiceProvider();
        PostgreSqlReceiptStore store = (PostgreSqlReceiptStore)provider.GetRequiredService<IReceiptStore>();
        await store.GetCurrentPositionAsync();

        await provider.DisposeAsync();

        Func<Task> use = async () => await store.GetCurrentPositionAsync();
        await use.Should().ThrowAsync<ObjectDisposedException>();
        await using NpgsqlCommand command = dataSource.CreateCommand("SELECT 1");
        (await command.ExecuteScalarAsync()).Should().Be(1);
    }

    private static ServiceCollection Services()
    {
        ServiceCollection services = new();
        TestWorld world = new();
        services.AddSingleton<IHomeserverRooms>(world);
        services.AddSingleton<IAccessTokenValidator>(world);
        return services;
    }
}
