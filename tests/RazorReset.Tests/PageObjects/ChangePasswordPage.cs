using AngleSharp.Html.Dom;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PageObjects;

/// <summary>The manage area's change-password page, for a signed-in browser.</summary>
public sealed class ChangePasswordPage : HtmlPage
{
    public const string Path = "/Identity/Account/Manage/ChangePassword";

    public ChangePasswordPage(HttpClient client, IHtmlDocument document) : base(client, document) =>
        Form = HtmlAssert.HasForm(document, "change-password-form");

    public IHtmlFormElement Form { get; }

    /// <summary>The status message at the top, if any.</summary>
    public IHtmlElement? Status => Document.GetElementById("status-message") as IHtmlElement;

    public static async Task<ChangePasswordPage> VisitAsync(HttpClient client) => new(client, await GetAsync(client, Path));

    public Task<HttpResponseMessage> PostAsync(string current, string newPassword, string confirmation) =>
        Client.SendAsync(Form, HtmlAssert.HasElement(Document, "change-password-submit"), new Dictionary<string, string>
        {
            ["Input.OldPassword"] = current,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = confirmation,
        });

    /// <summary>A change that works comes back to this page (PRG) with a status message.</summary>
    public async Task<ChangePasswordPage> ChangeAsync(string current, string newPassword)
    {
        using var response = await PostAsync(current, newPassword, newPassword);
        return new ChangePasswordPage(Client, await FollowAsync(Client, response, Path));
    }
}
