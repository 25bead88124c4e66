using System.Net;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Reset;

public sealed class RaceTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // F6
    public async Task TenConcurrentPostsWithTheSameLink_ExactlyOneSucceeds_TheRestGetTheInvalidLinkPage()
    {
        // Arrange: ten "tabs", each with the form open from the same link
        var email = UserStories.UniqueEmail("race");
        await UserStories.CreateUserAsync(factory, email);
        var link = await UserStories.RequestResetLinkAsync(factory, email);
        var tabs = new List<NewPasswordPage>();
        for (var i = 0; i < 10; i++)
        {
            tabs.Add(await NewPasswordPage.OpenFromLinkAsync(factory.CreateBrowser(), link));
        }

        // Act
        var responses = await Task.WhenAll(tabs.Select((tab, i) => tab.PostAsync($"{UserStories.NewPassword} number {i}")));

        // Assert
        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        ResponseAssert.IsRedirectTo(winner, "/NewPassword/Done");
        foreach (var loser in responses.Where(r => r != winner))
        {
            await InvalidLinkPage.AssertAsync(loser);
        }

        var winningPassword = $"{UserStories.NewPassword} number {Array.IndexOf(responses, winner)}";
        Assert.True(await UserStories.CanSignInAsync(factory, email, winningPassword));
        foreach (var response in responses) response.Dispose();
    }
}
