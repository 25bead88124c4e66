using System.Net;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Reset;

/// <summary>Provider-neutral: run on SQLite by <see cref="RaceOnSqliteTests"/> and on PostgreSQL by a subclass in PostgreSql/.</summary>
public abstract class RaceTests(RazorResetFactory factory)
{
    [Fact] // F6
    public async Task TenConcurrentPostsWithTheSameLink_ExactlyOneSucceeds_TheRestGetTheInvalidLinkPage()
    {
        // Arrange: ten "tabs", each with the form open from the same link, each held once it has read
        // the account until all ten have, so every one of them checks the link against the same state
        const int tabCount = 10;
        var email = UserStories.UniqueEmail("race");
        await UserStories.CreateUserAsync(factory, email);
        var link = await UserStories.RequestResetLinkAsync(factory, email);
        var tabs = new List<NewPasswordPage>();
        for (var i = 0; i < tabCount; i++)
        {
            tabs.Add(await NewPasswordPage.OpenFromLinkAsync(factory.CreateBrowser(), link));
        }

        var readTheAccount = new CommandBarrier(
            sql => sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && sql.Contains("AspNetUsers", StringComparison.OrdinalIgnoreCase),
            tabCount,
            TimeSpan.FromSeconds(30));
        var captures = tabs.Select(tab => factory.Commands.Capture(tab.Client, readTheAccount)).ToList();

        // Act
        var responses = await Task.WhenAll(tabs.Select((tab, i) => tab.PostAsync($"{UserStories.NewPassword} number {i}")));

        // Assert
        Assert.True(readTheAccount.AllArrived, $"Only {readTheAccount.Arrived} of {tabCount} requests read the account together.");
        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        ResponseAssert.IsRedirectTo(winner, "/NewPassword/Done");
        foreach (var loser in responses.Where(r => r != winner))
        {
            await InvalidLinkPage.AssertAsync(loser);
        }

        var winningPassword = $"{UserStories.NewPassword} number {Array.IndexOf(responses, winner)}";
        Assert.True(await UserStories.CanSignInAsync(factory, email, winningPassword));
        foreach (var disposable in responses.Cast<IDisposable>().Concat(captures)) disposable.Dispose();
    }
}
