using System.Net;
using Matrix.Receipts.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Matrix.Receipts.AspNetCore.Tests;

[TestFixture]
public sealed class MatrixHttpExtensionsTests
{
    private static DefaultHttpContext Context(string? authorization = null, string? query = null)
    {
        var world = new TestWorld().AddUser("@alice:example.org", "alice").AddUser("@guest:example.org", "guest", guest: true);
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton<IAccessTokenValidator>(world).BuildServiceProvider(),
        };
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }

        return context;
    }

    [TestCase("Bearer abc", null, "abc")]
    [TestCase("bearer abc", null, "abc")]
    [TestCase("Bearer  abc ", null, "abc")]
    [TestCase("Bearer ", null, null)]
    [TestCase("Basic abc", "?access_token=q", null)]
    [TestCase(null, "?access_token=q", "q")]
    [TestCase(null, "?access_token=", null)]
    [TestCase(null, null, null)]
    public void Access_token_comes_from_bearer_header_or_query(string? authorization, string? query, string? expected)
    {
        Context(authorization, query).Request.GetMatrixAccessToken().Should().Be(expected);
    }

    [Test]
    public async Task Authenticate_resolves_the_user()
    {
        (AuthenticatedUser? user, MatrixError? error) = await Context("Bearer alice").AuthenticateMatrixUserAsync();

        error.Should().BeNull();
        user!.UserId.Value.Should().Be("@alice:example.org");
    }

    [TestCase(null, false, 401, "M_MISSING_TOKEN")]
    [TestCase("Bearer nobody", false, 401, "M_UNKNOWN_TOKEN")]
    [TestCase("Bearer guest", false, 403, "M_GUEST_ACCESS_FORBIDDEN")]
    public async Task Authenticate_answers_matrix_errors(string? authorization, bool allowGuests, int status, string errcode)
    {
        (AuthenticatedUser? user, MatrixError? error) = await Context(authorization).AuthenticateMatrixUserAsync(allowGuests);

        user.Should().BeNull();
        error!.StatusCode.Should().Be(status);
        error.ErrorCode.Should().Be(errcode);
    }

    [Test]
    public async Task Authenticate_lets_guests_in_when_allowed()
    {
        (AuthenticatedUser? user, _) = await Context("Bearer guest").AuthenticateMatrixUserAsync(allowGuests: true);

        user!.IsGuest.Should().BeTrue();
    }

    [Test]
    public async Task Write_matrix_error_sets_status_json_and_retry_after()
    {
        DefaultHttpContext context = Context();
        var body = new MemoryStream();
        context.Response.Body = body;

        await context.Response.WriteMatrixErrorAsync(MatrixError.LimitExceeded(1500));

        context.Response.StatusCode.Should().Be((int)HttpStatusCode.TooManyRequests);
        context.Response.ContentType.Should().Be("application/json");
        context.Response.Headers.RetryAfter.ToString().Should().Be("2");
        System.Text.Encoding.UTF8.GetString(body.ToArray()).Should().Be("{\"errcode\":\"M_LIMIT_EXCEEDED\",\"error\":\"Too many requests\",\"retry_after_ms\":1500}");
        context.Response.ContentLength.Should().Be(body.Length);
    }
}
