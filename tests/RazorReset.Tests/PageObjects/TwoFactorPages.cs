using AngleSharp.Html.Dom;
using OtpNet;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PageObjects;

/// <summary>The manage area's two-factor pages, for a signed-in browser.</summary>
public sealed class TwoFactorPages(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public const string Overview = "/Identity/Account/Manage/TwoFactorAuthentication";
    public const string EnableAuthenticator = "/Identity/Account/Manage/EnableAuthenticator";
    public const string Disable = "/Identity/Account/Manage/Disable2fa";
    public const string GenerateRecoveryCodes = "/Identity/Account/Manage/GenerateRecoveryCodes";
    public const string ShowRecoveryCodes = "/Identity/Account/Manage/ShowRecoveryCodes";

    public IHtmlElement? Status => Document.GetElementById("status-message") as IHtmlElement;

    public IReadOnlyList<string> RecoveryCodes => Document.QuerySelectorAll(".recovery-code").Select(code => code.TextContent.Trim()).ToList();

    public static async Task<TwoFactorPages> VisitAsync(HttpClient client, string path) => new(client, await GetAsync(client, path));

    /// <summary>Presses the page's one button (create key, turn off, new codes) and follows where it leads.</summary>
    public async Task<TwoFactorPages> PressAsync(string formId, string expectedPath)
    {
        var form = HtmlAssert.HasForm(Document, formId);
        using var response = await Client.SendAsync(form, HtmlAssert.HasElement(Document, formId.Replace("-form", "-submit", StringComparison.Ordinal)));
        return new TwoFactorPages(Client, await FollowAsync(Client, response, expectedPath));
    }

    public Task<HttpResponseMessage> SendCodeAsync(string code) =>
        Client.SendAsync(HtmlAssert.HasForm(Document, "enable-authenticator-form"), HtmlAssert.HasElement(Document, "enable-authenticator-submit"),
            new Dictionary<string, string> { ["Input.Code"] = code });

    /// <summary>What the user's authenticator app would show now for the key on the page.</summary>
    public string CodeFromTheApp() =>
        new Totp(Base32Encoding.ToBytes(HtmlAssert.HasElement(Document, "shared-key").TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();
}
