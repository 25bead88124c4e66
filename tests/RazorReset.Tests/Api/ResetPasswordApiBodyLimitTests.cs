using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Data;
using RazorReset.PasswordReset;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Api;

/// <summary>
/// The 16 KiB body limit is endpoint metadata that the server enforces as the body is read. The
/// in-memory test server has no such limit, so these run the app on Kestrel, on loopback.
/// </summary>
public sealed class ResetPasswordApiBodyLimitTests : IAsyncLifetime
{
    private static readonly string OverLimit = new('a', 17 * 1024);

    private readonly RazorResetFactory _factory = RazorResetFactory.With(new Dictionary<string, string?>());

    [Theory] // A3: 413 problem, with or without an announced length, and nothing recorded
    [InlineData(true)]
    [InlineData(false)]
    public async Task Api_SendLink_WithABodyOver16KiB_Is413_AndRecordsNothing(bool announcedLength)
    {
        // Arrange
        using var app = new ResetPasswordApiClient(_factory);
        var before = await CountResetRequestsAsync();

        // Act
        using var response = await app.Http.PostAsync(
            ResetPasswordApiClient.Route,
            Json($$"""{"padding":"{{OverLimit}}","email":"a@example.test"}""", announcedLength));

        // Assert
        await ResponseAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        ApiAssert.HasSecurityHeaders(response);
        Assert.Equal(before, await CountResetRequestsAsync());
    }

    [Fact] // A3: a good link in an oversized request is left as it was
    public async Task Api_Reset_WithABodyOver16KiB_Is413_AndChangesNothing()
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-oversized");
        await UserStories.CreateUserAsync(_factory, email);
        using var app = new ResetPasswordApiClient(_factory);
        var link = await app.RequestLinkAsync(email);

        // Act
        using var response = await app.Http.PatchAsync(
            ResetPasswordApiClient.Route,
            Json($$"""{"userId":"{{link.UserId}}","token":"{{link.Token}}","password":"{{OverLimit}}"}""", announcedLength: true));

        // Assert
        await ResponseAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await using var scope = _factory.Services.CreateAsyncScope();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<PasswordResetService>().VerifyLinkAsync(link.UserId, link.Token));
    }

    [Fact] // A1: just under the limit is still an ordinary request
    public async Task Api_SendLink_WithABodyJustUnder16KiB_IsAccepted()
    {
        using var app = new ResetPasswordApiClient(_factory);
        var padding = new string('a', 16 * 1024 - 64);

        using var response = await app.Http.PostAsync(
            ResetPasswordApiClient.Route,
            Json($$"""{"padding":"{{padding}}","email":"a@example.test"}""", announcedLength: true));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public Task InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    private static HttpContent Json(string body, bool announcedLength)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        HttpContent content = announcedLength ? new ByteArrayContent(bytes) : new StreamContent(new UnseekableStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task<int> CountResetRequestsAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ResetRequests.CountAsync();
    }

    /// <summary>A body whose length is not known up front, so it is sent chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
