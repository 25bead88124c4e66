using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Data;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Shell;

public sealed class AntiforgeryTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // S3
    public async Task RegisterPost_WithoutAntiforgeryToken_Is400_AndCreatesNoAccount()
    {
        var email = UserStories.UniqueEmail("noaf");
        using var client = factory.CreateBrowser();
        await RegisterPage.VisitAsync(client); // the antiforgery cookie is in the jar, the field is not sent

        using var response = await client.PostAsync("/Identity/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = UserStories.GoodPassword,
            ["Input.ConfirmPassword"] = UserStories.GoodPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountUsersAsync(email));
    }

    [Fact] // S3
    public async Task RegisterPost_WithAWrongAntiforgeryToken_Is400_AndCreatesNoAccount()
    {
        var email = UserStories.UniqueEmail("badaf");
        using var client = factory.CreateBrowser();
        var page = await RegisterPage.VisitAsync(client);
        var token = Assert.IsAssignableFrom<AngleSharp.Html.Dom.IHtmlInputElement>(page.Form["__RequestVerificationToken"]);
        token.Value = "CfDJ8" + new string('A', 150);

        using var response = await page.PostAsync(email, UserStories.GoodPassword);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountUsersAsync(email));
    }

    [Fact] // S3
    public async Task ForgotPost_WithoutAntiforgeryToken_Is400_AndRecordsNothing()
    {
        using var client = factory.CreateBrowser();
        var before = await CountResetRequestsAsync();

        using var response = await client.PostAsync("/Forgot", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "someone@example.test",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountResetRequestsAsync());
    }

    private async Task<int> CountUsersAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.CountAsync(u => u.Email == email);
    }

    private async Task<int> CountResetRequestsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ResetRequests.CountAsync();
    }
}
