using Matrix.Receipts.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Matrix.Receipts.AspNetCore.Tests;

/// <summary>What MapMatrixReceipts registers: names, tags and response metadata for OpenAPI, and chainable conventions.</summary>
[TestFixture]
public sealed class EndpointMetadataTests
{
    private sealed class Marker;

    private static async Task<(WebApplication App, RouteEndpoint[] Endpoints)> MapAsync(Action<IEndpointConventionBuilder>? conventions = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        var world = new TestWorld();
        builder.Services.AddSingleton<IHomeserverRooms>(world);
        builder.Services.AddSingleton<IAccessTokenValidator>(world);
        builder.Services.AddMatrixReceipts();
        WebApplication app = builder.Build();
        IEndpointConventionBuilder mapped = app.MapMatrixReceipts();
        conventions?.Invoke(mapped);
        RouteEndpoint[] endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToArray();
        await Task.CompletedTask;
        return (app, endpoints);
    }

    private static RouteEndpoint Named(RouteEndpoint[] endpoints, string name) =>
        endpoints.Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == name);

    [TestCase("postReceipt", "/_matrix/client/v3/rooms/{roomId}/receipt/{receiptType}/{eventId}")]
    [TestCase("setReadMarker", "/_matrix/client/v3/rooms/{roomId}/read_markers")]
    public async Task V3_routes_carry_the_spec_operation_id_tag_and_responses(string name, string pattern)
    {
        (WebApplication app, RouteEndpoint[] endpoints) = await MapAsync();
        await using (app)
        {
            RouteEndpoint endpoint = Named(endpoints, name);

            endpoint.RoutePattern.RawText.Should().Be(pattern);
            endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Should().Equal("POST");
            endpoint.Metadata.GetOrderedMetadata<ITagsMetadata>().SelectMany(t => t.Tags).Should().Contain("Room participation");
            endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>().Should().BeNull();
            IProducesResponseTypeMetadata[] produces = endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().ToArray();
            produces.Select(p => p.StatusCode).Should().Contain([200, 400, 401, 403, 413, 429]);
            produces.Should().OnlyContain(p => p.ContentTypes.SequenceEqual(new[] { "application/json" }));
            Type errorType = produces.Single(p => p.StatusCode == 429).Type!;
            errorType.GetProperties().Select(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false)
                .Cast<System.Text.Json.Serialization.JsonPropertyNameAttribute>().Single().Name)
                .Should().BeEquivalentTo("errcode", "error", "retry_after_ms");
        }
    }

    [TestCase("postReceipt_r0")]
    [TestCase("setReadMarker_r0")]
    public async Task R0_routes_have_their_own_names_and_stay_out_of_the_description(string name)
    {
        (WebApplication app, RouteEndpoint[] endpoints) = await MapAsync();
        await using (app)
        {
            Named(endpoints, name).Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()!.ExcludeFromDescription.Should().BeTrue();
        }
    }

    [Test]
    public async Task Conventions_on_the_returned_builder_reach_every_route()
    {
        var marker = new Marker();
        (WebApplication app, RouteEndpoint[] endpoints) = await MapAsync(b => b.WithMetadata(marker));
        await using (app)
        {
            endpoints.Should().HaveCount(8);
            endpoints.Should().OnlyContain(e => e.Metadata.GetMetadata<Marker>() == marker);
            endpoints.Count(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() != null).Should().Be(4);
        }
    }

    [Test]
    public async Task RequireAuthorization_chains_onto_the_routes()
    {
        (WebApplication app, RouteEndpoint[] endpoints) = await MapAsync(b => b.RequireAuthorization("matrix"));
        await using (app)
        {
            Named(endpoints, "postReceipt").Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
                .Should().ContainSingle().Which.Policy.Should().Be("matrix");
        }
    }

    [Test]
    public async Task Mapping_without_AddMatrixReceipts_throws_naming_it()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        await using WebApplication app = builder.Build();

        Action map = () => app.MapMatrixReceipts();

        map.Should().Throw<InvalidOperationException>().WithMessage("*AddMatrixReceipts*");
    }
}
