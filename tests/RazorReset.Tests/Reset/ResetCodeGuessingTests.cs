using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using RazorReset.Pages.Forgot;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Reset;

public sealed partial class ResetCodeGuessingTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // A4: five wrong tries, then the code is dead even for its owner
    public async Task AfterFiveWrongTries_TheSixthIsRefused_EvenWithTheRightCode()
    {
        // Arrange
        var email = UserStories.UniqueEmail("guess");
        await UserStories.CreateUserAsync(factory, email);
        using var client = factory.CreateBrowser();
        var (sent, message) = await UserStories.RequestResetEmailAsync(factory, client, email);
        var code = Mailbox.CodeIn(message.Html);

        // Act
        var errors = new List<string>();
        foreach (var guess in WrongCodes(code).Take(5))
        {
            sent = await sent.EnterRefusedCodeAsync(guess);
            errors.Add(sent.CodeError);
        }

        var sixth = await sent.EnterRefusedCodeAsync(code);

        // Assert
        Assert.Equal(Enumerable.Repeat(SentModel.WrongCode, 4).Append(SentModel.NeedsNewEmail), errors);
        Assert.Equal(SentModel.NeedsNewEmail, sixth.CodeError);
        Assert.Equal("/Forgot", HtmlAssert.HasLink(sixth.Document, "code-new-email").GetAttribute("href"));
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.GoodPassword));
    }

    [Fact] // A4: only wrong tries count; the fifth try may still be the right one
    public async Task AfterFourWrongTries_TheRightCodeStillWorks()
    {
        var email = UserStories.UniqueEmail("fifth");
        await UserStories.CreateUserAsync(factory, email);
        using var client = factory.CreateBrowser();
        var (sent, message) = await UserStories.RequestResetEmailAsync(factory, client, email);
        var code = Mailbox.CodeIn(message.Html);

        foreach (var guess in WrongCodes(code).Take(4)) sent = await sent.EnterRefusedCodeAsync(guess);
        var form = await sent.EnterCodeAsync(code.Replace(" ", "-"));
        await form.ChangePasswordAsync(UserStories.NewPassword);

        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.NewPassword));
    }

    [Fact] // A4: guesses sent in parallel are each counted; none slips past the limit
    public async Task TwentyParallelWrongTries_UseUpTheCode()
    {
        // Arrange
        var email = UserStories.UniqueEmail("parallel");
        await UserStories.CreateUserAsync(factory, email);
        using var client = factory.CreateBrowser();
        var (sent, message) = await UserStories.RequestResetEmailAsync(factory, client, email);
        var code = Mailbox.CodeIn(message.Html);

        // Act
        var responses = await Task.WhenAll(WrongCodes(code).Take(20).Select(sent.PostCodeAsync));
        var after = await sent.EnterRefusedCodeAsync(code);

        // Assert
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(SentModel.NeedsNewEmail, after.CodeError);
        foreach (var response in responses) response.Dispose();
    }

    [Fact] // A4, S1: the code lives as long as the link, on the app's clock
    public async Task TheCode_WorksUntilTheLinksLifespanEnds_AndNotAfter()
    {
        // Arrange
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = RazorResetFactory.WithClock(clock);
        var email = UserStories.UniqueEmail("expiry");
        await UserStories.CreateUserAsync(app, email);
        using var client = app.CreateBrowser();
        var (sent, message) = await UserStories.RequestResetEmailAsync(app, client, email);
        var code = Mailbox.CodeIn(message.Html);

        // Act
        clock.Advance(TimeSpan.FromMinutes(29));
        using var before = await sent.PostCodeAsync(code);
        clock.Advance(TimeSpan.FromMinutes(1));
        var after = await sent.EnterRefusedCodeAsync(code);

        // Assert
        ResponseAssert.IsRedirectTo(before, "/NewPassword");
        Assert.Equal(SentModel.NeedsNewEmail, after.CodeError);
    }

    [Fact] // A4, S4: every answer to a code try is the same for an unknown address and an account
    public async Task WrongCodes_GetTheSameAnswers_ForAnExistingAndAnUnknownAddress()
    {
        // Arrange
        var existing = UserStories.UniqueEmail("same-exists");
        var unknown = UserStories.UniqueEmail("same-nobody");
        await UserStories.CreateUserAsync(factory, existing);
        using var existingClient = factory.CreateBrowser();
        using var unknownClient = factory.CreateBrowser();
        var (existingSent, message) = await UserStories.RequestResetEmailAsync(factory, existingClient, existing);
        var unknownSent = await (await ForgotPage.VisitAsync(unknownClient)).SendForgotPasswordAsync(unknown);
        await factory.WaitForResetRequestsProcessedAsync();

        // Act: six wrong tries each, the right form of answer compared at every step
        var existingAnswers = new List<CapturedAnswer>();
        var unknownAnswers = new List<CapturedAnswer>();
        foreach (var guess in WrongCodes(Mailbox.CodeIn(message.Html)).Take(6))
        {
            existingAnswers.Add(await TryAsync(existingSent, existing, guess));
            unknownAnswers.Add(await TryAsync(unknownSent, unknown, guess));
        }

        // Assert
        Assert.Equal(Masked(existingSent.Document.DocumentElement.OuterHtml, existing), Masked(unknownSent.Document.DocumentElement.OuterHtml, unknown));
        Assert.Equal(existingAnswers, unknownAnswers);
        Assert.All(existingAnswers.Take(4), a => Assert.Contains(SentModel.WrongCode, a.Body));
        Assert.All(existingAnswers.Skip(4), a => Assert.Contains(SentModel.NeedsNewEmail, a.Body));
    }

    [Fact] // A4, S4: a try costs the same database work whether or not an account and a code are behind it
    public async Task AWrongCode_RunsTheSameDatabaseCommands_ForAnExistingAndAnUnknownAddress()
    {
        // Arrange
        var existing = UserStories.UniqueEmail("cost-exists");
        var unknown = UserStories.UniqueEmail("cost-unknown");
        await UserStories.CreateUserAsync(factory, existing);
        using var existingClient = factory.CreateBrowser();
        using var unknownClient = factory.CreateBrowser();
        var (existingSent, message) = await UserStories.RequestResetEmailAsync(factory, existingClient, existing);
        var unknownSent = await (await ForgotPage.VisitAsync(unknownClient)).SendForgotPasswordAsync(unknown);
        await factory.WaitForResetRequestsProcessedAsync();
        var guess = WrongCodes(Mailbox.CodeIn(message.Html)).First();

        // Act
        var forExisting = await CommandsDuringAsync(factory, existingClient, () => existingSent.EnterRefusedCodeAsync(guess));
        var forUnknown = await CommandsDuringAsync(factory, unknownClient, () => unknownSent.EnterRefusedCodeAsync(guess));

        // Assert
        Assert.Contains(forExisting, c => c.Touches("ResetCodes") && c.Text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(forExisting, c => c.Touches("AspNetUsers"));
        Assert.Equal(forExisting, forUnknown);
    }

    /// <summary>The commands (text and parameter types, not values) the client's requests ran during the action.</summary>
    internal static async Task<IReadOnlyList<CapturedCommand>> CommandsDuringAsync(RazorResetFactory factory, HttpClient client, Func<Task> action)
    {
        using var capture = factory.Commands.Capture(client);
        await action();
        return capture.Commands;
    }

    private static async Task<CapturedAnswer> TryAsync(SentPage sent, string address, string guess)
    {
        using var response = await sent.PostCodeAsync(guess);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}")
            .Order(StringComparer.Ordinal);
        return new CapturedAnswer(response.StatusCode, string.Join("\n", headers), Masked(await response.Content.ReadAsStringAsync(), address));
    }

    /// <summary>
    /// The antiforgery field differs on every render by design, and the page names the address its
    /// browser typed; only their presence is compared.
    /// </summary>
    private static string Masked(string html, string address) =>
        AntiforgeryValue().Replace(html.Replace(address, "[address]", StringComparison.Ordinal), "$1[token]\"");

    /// <summary>Codes that are surely not the mailed one, in the two-group form a person types.</summary>
    internal static IEnumerable<string> WrongCodes(string code)
    {
        var digits = long.Parse(code.Replace(" ", ""), CultureInfo.InvariantCulture);
        for (var i = 1; ; i++)
        {
            var wrong = ((digits + i * 7919) % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
            yield return $"{wrong[..4]} {wrong[4..]}";
        }
    }

    [GeneratedRegex("(name=\"__RequestVerificationToken\" type=\"hidden\" value=\")[^\"]+\"")]
    private static partial Regex AntiforgeryValue();

    private sealed record CapturedAnswer(HttpStatusCode Status, string Headers, string Body);
}
