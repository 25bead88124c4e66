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

public sealed class ResetPasswordApiInputTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    public static TheoryData<string, string?, string, HttpStatusCode> MalformedRequests => new()
    {
        { "malformed JSON", "application/json", """{"email":""", HttpStatusCode.BadRequest },
        { "an array", "application/json", "[]", HttpStatusCode.BadRequest },
        { "JSON null", "application/json", "null", HttpStatusCode.BadRequest },
        { "an empty body", "application/json", "", HttpStatusCode.BadRequest },
        { "a number for the address", "application/json", """{"email":42}""", HttpStatusCode.BadRequest },
        { "an object for the address", "application/json", """{"email":{"address":"a@example.test"}}""", HttpStatusCode.BadRequest },
        { "text/plain", "text/plain", """{"email":"a@example.test"}""", HttpStatusCode.UnsupportedMediaType },
        { "a form post", "application/x-www-form-urlencoded", "email=a%40example.test", HttpStatusCode.UnsupportedMediaType },
        { "no content type", null, """{"email":"a@example.test"}""", HttpStatusCode.UnsupportedMediaType },
    };

    [Theory, MemberData(nameof(MalformedRequests))] // A3: 4xx problem details, never 500, nothing recorded
    public async Task Api_SendLink_WithAMalformedRequest_IsAProblem_AndRecordsNothing(string malformed, string? contentType, string body, HttpStatusCode status)
    {
        // Arrange
        using var app = new ResetPasswordApiClient(factory);
        var before = await CountResetRequestsAsync();

        // Act
        using var response = await app.Http.PostAsync(ResetPasswordApiClient.Route, Content(body, contentType));

        // Assert
        await ResponseAssert.IsProblemAsync(response, status);
        ApiAssert.HasSecurityHeaders(response);
        Assert.True(before == await CountResetRequestsAsync(), $"A request with {malformed} was recorded.");
    }

    public static TheoryData<string, string> MalformedAddresses => new()
    {
        { "no address", """{}""" },
        { "an empty address", """{"email":""}""" },
        { "only spaces", """{"email":"   "}""" },
        { "no @", """{"email":"not-an-address"}""" },
        { "a space inside", """{"email":"two words@example.test"}""" },
        { "257 characters", $$"""{"email":"{{new string('a', 244)}}@example.test"}""" },
    };

    [Theory, MemberData(nameof(MalformedAddresses))] // A1, F1: the /Forgot form's rules
    public async Task Api_SendLink_WithAMalformedAddress_IsAValidationProblem_AndRecordsNothing(string malformed, string body)
    {
        // Arrange
        using var app = new ResetPasswordApiClient(factory);
        var before = await CountResetRequestsAsync();

        // Act
        using var response = await app.Http.PostAsync(ResetPasswordApiClient.Route, Content(body, "application/json"));

        // Assert
        var problem = await ResponseAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.GetProperty("errors").GetProperty("email").EnumerateArray());
        Assert.True(before == await CountResetRequestsAsync(), $"A request with {malformed} was recorded.");
    }

    public static TheoryData<string, string?, string, HttpStatusCode> MalformedResets => new()
    {
        { "malformed JSON", "application/json", """{"userId":"{uid}","token":"{token}","password":""", HttpStatusCode.BadRequest },
        { "a number for the uid", "application/json", """{"userId":42,"token":"{token}","password":"a brand new sequence of quiet words"}""", HttpStatusCode.BadRequest },
        { "an array for the password", "application/json", """{"userId":"{uid}","token":"{token}","password":["a brand new sequence"]}""", HttpStatusCode.BadRequest },
        { "text/plain", "text/plain", """{"userId":"{uid}","token":"{token}","password":"a brand new sequence of quiet words"}""", HttpStatusCode.UnsupportedMediaType },
    };

    [Theory, MemberData(nameof(MalformedResets))] // A3: a good link in a bad request is left as it was
    public async Task Api_Reset_WithAMalformedRequest_IsAProblem_AndChangesNothing(string malformed, string? contentType, string body, HttpStatusCode status)
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-malformed");
        await UserStories.CreateUserAsync(factory, email);
        using var app = new ResetPasswordApiClient(factory);
        var link = await app.RequestLinkAsync(email);

        // Act
        using var response = await app.Http.PatchAsync(
            ResetPasswordApiClient.Route,
            Content(body.Replace("{uid}", link.UserId).Replace("{token}", link.Token), contentType));

        // Assert
        await ResponseAssert.IsProblemAsync(response, status);
        ApiAssert.HasSecurityHeaders(response);
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.GoodPassword));
        await using var scope = factory.Services.CreateAsyncScope();
        var ticket = await scope.ServiceProvider.GetRequiredService<PasswordResetService>().VerifyLinkAsync(link.UserId, link.Token);
        Assert.True(ticket is not null, $"A request with {malformed} used up the link.");
    }

    [Theory] // A3: the API's own 404 and 405 are problems too, not HTML pages
    [InlineData("GET", ResetPasswordApiClient.Route, HttpStatusCode.MethodNotAllowed)]
    [InlineData("PUT", ResetPasswordApiClient.Route, HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/api/v1/auth/no-such-thing", HttpStatusCode.NotFound)]
    public async Task Api_UnknownRoutesAndMethods_AreProblems(string method, string path, HttpStatusCode status)
    {
        using var app = new ResetPasswordApiClient(factory);

        using var response = await app.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ResponseAssert.IsProblemAsync(response, status);
    }

    private static ByteArrayContent Content(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    private async Task<int> CountResetRequestsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ResetRequests.CountAsync();
    }
}
