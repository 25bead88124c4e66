using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Hostile;

/// <summary>
/// The app on real Kestrel (its body-size limits and status lines are Kestrel's, not the test
/// server's), in one of the two configurations it is published with, with one confirmed account.
/// </summary>
public sealed class HostileApp : IAsyncDisposable
{
    public const string Password = UserStories.GoodPassword;

    private readonly RazorResetFactory _factory;

    private HostileApp(RazorResetFactory factory, Uri server, string environment, string account)
    {
        _factory = factory;
        Server = server;
        Environment = environment;
        Account = account;
    }

    public Uri Server { get; }

    public string Environment { get; }

    /// <summary>A confirmed account whose password is <see cref="Password"/>.</summary>
    public string Account { get; }

    public static async Task<HostileApp> StartAsync(string environment)
    {
        var factory = RazorResetFactory.With(new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://localhost" }, environment);
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        var account = UserStories.UniqueEmail("hostile");
        await UserStories.CreateUserAsync(factory, account);
        return new HostileApp(factory, client.BaseAddress!, environment, account);
    }

    public Task<RawResponse> SendAsync(byte[] request) => RawHttp.SendAsync(Server, request);

    /// <summary>Loads a page as a browser would and returns what its form needs: the antiforgery cookie and token.</summary>
    public async Task<FormSession> OpenFormAsync(string path)
    {
        var page = await SendAsync(RawHttp.Request("GET", path));
        Assert.Equal(200, page.Status);
        var cookies = page.All("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var token = new HtmlParser().ParseDocument(page.Body)
            .QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        return new FormSession(path, string.Join("; ", cookies), Assert.IsType<string>(token));
    }

    /// <summary>Everything a hostile request must not change: accounts, reset requests, queued mail.</summary>
    public Task<string> StateAsync() => _factory.QueryAsync(async db =>
    {
        var users = await db.Users.OrderBy(u => u.Id)
            .Select(u => u.Id + u.PasswordHash + u.SecurityStamp + u.EmailConfirmed + u.LockoutEnd + u.AccessFailedCount)
            .ToListAsync();
        return $"users {string.Join("|", users)}; requests {await db.ResetRequests.CountAsync()}; account requests {await db.AccountRequests.CountAsync()}; outbox {await db.OutboxMessages.CountAsync()}";
    });

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}

/// <summary>A page's form as loaded by one browser; builds POSTs to it with any fields at all.</summary>
public sealed record FormSession(string Path, string Cookie, string Token)
{
    public byte[] Post(string fields, string? target = null, string contentType = "application/x-www-form-urlencoded", IEnumerable<string>? headers = null) =>
        PostBody(Encoding.UTF8.GetBytes($"__RequestVerificationToken={WebUtility.UrlEncode(Token)}&{fields}"), target, contentType, headers);

    public byte[] PostBody(byte[] body, string? target = null, string contentType = "application/x-www-form-urlencoded", IEnumerable<string>? headers = null) =>
        RawHttp.Request("POST", target ?? Path, [$"Cookie: {Cookie}", $"Content-Type: {contentType}", .. headers ?? []], body);
}
