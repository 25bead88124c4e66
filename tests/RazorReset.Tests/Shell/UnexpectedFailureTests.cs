using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Shell;

public sealed class UnexpectedFailureTests
{
    [Fact] // A3, S11: a server fault answers without internals, as HTML to a browser and problem+json to the API
    public async Task WhenTheDatabaseBreaks_PagesShowTheErrorPage_AndTheApiAnswersProblemJson_WithoutDetails()
    {
        // Arrange: Production, then the table the Forgot POST writes to disappears
        await using var factory = RazorResetFactory.With(
            new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://localhost" }, environment: "Production");
        using var browser = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        var page = await ForgotPage.VisitAsync(browser);
        await factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DROP TABLE ResetRequests"));

        // Act
        using var pageResponse = await page.PostAsync(UserStories.UniqueEmail());
        using var apiResponse = await browser.PostAsJsonAsync("/api/v1/auth/reset-password", new { email = UserStories.UniqueEmail() });

        // Assert
        var document = await ResponseAssert.IsHtmlDocumentAsync(pageResponse, HttpStatusCode.InternalServerError);
        Assert.Contains("Something went wrong on our side", document.Body!.TextContent);
        Assert.Equal(HttpStatusCode.InternalServerError, apiResponse.StatusCode);
        Assert.Equal("application/problem+json", apiResponse.Content.Headers.ContentType?.MediaType);
        var body = await pageResponse.Content.ReadAsStringAsync() + await apiResponse.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SqliteException", body);
        Assert.DoesNotContain("ResetRequests", body);
        SqliteConnection.ClearAllPools();
    }
}
