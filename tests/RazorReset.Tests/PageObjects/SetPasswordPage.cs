using AngleSharp.Html.Dom;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PageObjects;

/// <summary>The manage area's page for a first password, for a signed-in browser whose account has none.</summary>
public sealed class SetPasswordPage : HtmlPage
{
    public const string Path = "/Identity/Account/Manage/SetPassword";

    public SetPasswordPage(HttpClient client, IHtmlDocument document) : base(client, document) =>
        Form = HtmlAssert.HasForm(document, "set-password-form");

    public IHtmlFormElement Form { get; }

    /// <summary>Change password sends an account without a password here.</summary>
    public static async Task<SetPasswordPage> ReachedFromChangePasswordAsync(HttpClient client)
    {
        using var response = await client.GetAsync(ChangePasswordPage.Path);
        return new SetPasswordPage(client, await FollowAsync(client, response, Path));
    }

    public Task<HttpResponseMessage> PostAsync(string newPassword, string confirmation) =>
        Client.SendAsync(Form, HtmlAssert.HasElement(Document, "set-password-submit"), new Dictionary<string, string>
        {
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = confirmation,
        });

    /// <summary>A password that is set leads on to change password, with a status message.</summary>
    public async Task<ChangePasswordPage> SetAsync(string newPassword)
    {
        using var response = await PostAsync(newPassword, newPassword);
        return new ChangePasswordPage(Client, await FollowAsync(Client, response, ChangePasswordPage.Path));
    }
}
