using System.Net;
using System.Text.RegularExpressions;
using RazorReset.Api;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;
using RazorReset.Tests.Reset;

namespace RazorReset.Tests.Api;

public sealed class ResetPasswordApiCodeTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // A4, A2, F5: the native app's journey with the code; the link of the same email dies
    public async Task Api_ResetsThePassword_WithTheEmailAndCode_AndThenTheLinkIsDead()
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-code");
        await UserStories.CreateUserAsync(factory, email);
        using var app = new ResetPasswordApiClient(factory);
        var (code, link) = await app.RequestCodeAsync(email);

        // Act
        using var reset = await app.ResetWithCodeAsync(email.ToUpperInvariant(), code, UserStories.NewPassword);
        using var withLink = await app.ResetAsync(link, UserStories.NewPassword + " again");
        using var codeAgain = await app.ResetWithCodeAsync(email, code, UserStories.NewPassword + " again");

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        ApiAssert.HasSecurityHeaders(reset);
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.NewPassword));
        await AssertInvalidTokenAsync(withLink);
        await AssertInvalidTokenAsync(codeAgain);
    }

    [Fact] // A4, A2: a refused password does not use up a try, and the code still works after it
    public async Task Api_ARefusedPassword_ListsTheReasons_AndTheCodeStaysUsable()
    {
        var email = UserStories.UniqueEmail("api-code-policy");
        await UserStories.CreateUserAsync(factory, email);
        using var app = new ResetPasswordApiClient(factory);
        var (code, _) = await app.RequestCodeAsync(email);

        for (var i = 0; i < 6; i++)
        {
            using var weak = await app.ResetWithCodeAsync(email, code, "elevenchars");
            var problem = await ResponseAssert.IsProblemAsync(weak, HttpStatusCode.BadRequest);
            Assert.Equal(ResetPasswordApi.PasswordRejectedCode, problem.GetProperty("code").GetString());
        }

        using var reset = await app.ResetWithCodeAsync(email, code, UserStories.NewPassword);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
    }

    [Fact] // A4: at most five wrong tries; the sixth is refused even with the right code
    public async Task Api_AfterFiveWrongCodes_TheRightCodeIsRefused()
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-guess");
        await UserStories.CreateUserAsync(factory, email);
        using var app = new ResetPasswordApiClient(factory);
        var (code, _) = await app.RequestCodeAsync(email);

        // Act
        foreach (var guess in ResetCodeGuessingTests.WrongCodes(code).Take(5))
        {
            using var wrong = await app.ResetWithCodeAsync(email, guess, UserStories.NewPassword);
            await AssertInvalidTokenAsync(wrong);
        }

        using var sixth = await app.ResetWithCodeAsync(email, code, UserStories.NewPassword);

        // Assert
        await AssertInvalidTokenAsync(sixth);
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.GoodPassword));
    }

    [Fact] // A4, S4: the code of one address does not open another; malformed codes and mixed bodies get the same answer
    public async Task Api_EveryKindOfBadCode_GetsTheOneInvalidTokenAnswer()
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-bad-code");
        var other = UserStories.UniqueEmail("api-other");
        await UserStories.CreateUserAsync(factory, email);
        await UserStories.CreateUserAsync(factory, other);
        using var app = new ResetPasswordApiClient(factory);
        var (code, link) = await app.RequestCodeAsync(email);

        // Act
        var bodies = new object[]
        {
            new { email = other, code, password = UserStories.NewPassword },
            new { email = UserStories.UniqueEmail("nobody"), code, password = UserStories.NewPassword },
            new { email, code = "12345", password = UserStories.NewPassword },
            new { email, code = "abcd efgh", password = UserStories.NewPassword },
            new { email, password = UserStories.NewPassword },
            new { code, password = UserStories.NewPassword },
            new { email = "not an address", code, password = UserStories.NewPassword },
            new { email, code, userId = link.UserId, token = link.Token, password = UserStories.NewPassword },
        };
        var bodiesOut = new List<string>();
        foreach (var body in bodies)
        {
            using var response = await app.ResetAsync(body);
            bodiesOut.Add(await AssertInvalidTokenAsync(response));
        }

        // Assert: one answer, byte for byte (but the trace id), and nothing changed
        Assert.Single(bodiesOut.Distinct());
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.GoodPassword));
        Assert.True(await UserStories.CanSignInAsync(factory, other, UserStories.GoodPassword));
    }

    [Fact] // A4, S4: a wrong code for an unknown address and for an account: same status, headers and body
    public async Task Api_AWrongCode_GetsTheSameAnswer_ForAnExistingAndAnUnknownAddress()
    {
        var existing = UserStories.UniqueEmail("api-same-exists");
        await UserStories.CreateUserAsync(factory, existing);
        using var app = new ResetPasswordApiClient(factory);
        var (code, _) = await app.RequestCodeAsync(existing);
        var unknown = UserStories.UniqueEmail("api-same-unknown");
        using (var asked = await app.SendLinkAsync(unknown)) Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        await factory.WaitForResetRequestsProcessedAsync();

        foreach (var guess in ResetCodeGuessingTests.WrongCodes(code).Take(6))
        {
            using var forExisting = await app.ResetWithCodeAsync(existing, guess, UserStories.NewPassword);
            using var forUnknown = await app.ResetWithCodeAsync(unknown, guess, UserStories.NewPassword);
            Assert.Equal(await ShapeAsync(forExisting), await ShapeAsync(forUnknown));
        }
    }

    [Fact] // A4, S4: a code try costs the same database work for an unknown address as for an account with a live code
    public async Task Api_AWrongCode_RunsTheSameDatabaseCommands_ForAnExistingAndAnUnknownAddress()
    {
        // Arrange
        var existing = UserStories.UniqueEmail("api-cost-exists");
        await UserStories.CreateUserAsync(factory, existing);
        using var app = new ResetPasswordApiClient(factory);
        var (code, _) = await app.RequestCodeAsync(existing);
        var guess = ResetCodeGuessingTests.WrongCodes(code).First();

        // Act
        var forExisting = await ResetCodeGuessingTests.CommandsDuringAsync(factory, app.Http, async () =>
        {
            using var response = await app.ResetWithCodeAsync(existing, guess, UserStories.NewPassword);
        });
        var forUnknown = await ResetCodeGuessingTests.CommandsDuringAsync(factory, app.Http, async () =>
        {
            using var response = await app.ResetWithCodeAsync(UserStories.UniqueEmail("api-cost-unknown"), guess, UserStories.NewPassword);
        });

        // Assert
        Assert.Contains(forExisting, c => c.Touches("ResetCodes") && c.Text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(forExisting, forUnknown);
    }

    private static async Task<string> AssertInvalidTokenAsync(HttpResponseMessage response)
    {
        var problem = await ResponseAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(ResetPasswordApi.InvalidTokenCode, problem.GetProperty("code").GetString());
        return TraceId().Replace(await response.Content.ReadAsStringAsync(), "");
    }

    private static async Task<string> ShapeAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}")
            .Order(StringComparer.Ordinal);
        return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n{TraceId().Replace(await response.Content.ReadAsStringAsync(), "")}";
    }

    private static Regex TraceId() => new("\"traceId\":\"[^\"]*\"");
}
