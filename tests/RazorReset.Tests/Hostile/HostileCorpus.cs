using System.Net;
using System.Text;

namespace RazorReset.Tests.Hostile;

/// <summary>
/// The hostile-input corpus: every class of request a careful tester would send, each with the
/// answers it may get. The suite (<see cref="HostileRequestTests"/>) adds the checks every one of
/// them must pass: a valid status line, the security headers, no internals in the body, no state
/// changed, no redirect off the site.
/// </summary>
public static class HostileCorpus
{
    private const int BadRequest = 400, NotFound = 404, MethodNotAllowed = 405, TooLarge = 413, UnsupportedType = 415;

    private static readonly string[] EvilReturnUrls =
    [
        "https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/\r\nSet-Cookie: x=1",
        "/ok\nLocation: https://evil.example", "/\u202Eevil", "https:evil.example", "\\\\evil.example", "/\t/evil.example", " //evil.example",
    ];

    public static IReadOnlyDictionary<string, HostileCase> Cases { get; } = Build().ToDictionary(c => c.Name);

    private static IEnumerable<HostileCase> Build()
    {
        // Malformed status lines: the status page echoed its route number.
        foreach (var code in new[] { "0", "999999", "-1", "2147483647", "99999999999", "200", "302", "500", "abc" })
        {
            yield return Get($"status page /Status/{code}", $"/Status/{code}", NotFound) with { StatusPage = true };
        }

        // Forms: NUL bytes, floods, over-long names and values, huge and malformed bodies.
        yield return Forgot("forgot NUL in the address", "Input.Email=a%00b%40x.test", BadRequest);
        yield return Forgot("forgot NUL in a field name", "Input.Em%00ail=a%40x.test", BadRequest);
        yield return Forgot("forgot 1,100 fields", Fields(1100), BadRequest, TooLarge);
        yield return Forgot("forgot 5,000 fields", Fields(5000), BadRequest, TooLarge);
        yield return Forgot("forgot 33 fields", Fields(33), BadRequest);
        yield return Forgot("forgot 3,000-character field name", $"{new string('k', 3000)}=1&Input.Email=a%40x.test", BadRequest);
        yield return Forgot("forgot 5,000-character value", $"Input.Email={new string('a', 5000)}%40x.test", BadRequest);
        yield return Raw("forgot 10 MB body", async app =>
            (await app.OpenFormAsync("/Forgot")).Post("Input.Email=" + new string('a', 10 * 1024 * 1024)), TooLarge);
        yield return Raw("forgot 10 MB body, chunked", async app =>
        {
            var form = await app.OpenFormAsync("/Forgot");
            var body = RawHttp.Chunked(Encoding.ASCII.GetBytes($"__RequestVerificationToken={WebUtility.UrlEncode(form.Token)}&Input.Email=" + new string('a', 10 * 1024 * 1024)));
            return form.PostBody(body, headers: ["Transfer-Encoding: chunked"]);
        }, TooLarge, BadRequest);
        yield return Raw("forgot declared 40 MB body", async app =>
        {
            var form = await app.OpenFormAsync("/Forgot");
            return RawHttp.Request("POST", "/Forgot", [$"Cookie: {form.Cookie}", "Content-Type: application/x-www-form-urlencoded", "Content-Length: 41943040"], "Input.Email=a"u8.ToArray());
        }, TooLarge);
        yield return Raw("forgot multipart without a boundary", async app =>
            (await app.OpenFormAsync("/Forgot")).PostBody("--x\r\nContent-Disposition: form-data; name=\"Input.Email\"\r\n\r\na@x.test\r\n--x--\r\n"u8.ToArray(), contentType: "multipart/form-data"), UnsupportedType);
        yield return Raw("forgot multipart unterminated", async app =>
            (await app.OpenFormAsync("/Forgot")).PostBody("--x\r\nContent-Disposition: form-data; name=\"Input.Email\"\r\n\r\na@x.test"u8.ToArray(), contentType: "multipart/form-data; boundary=x"), UnsupportedType);
        yield return Raw("forgot multipart with 2,000 parts", async app =>
            (await app.OpenFormAsync("/Forgot")).PostBody(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"--x\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\n1\r\n")) + "--x--\r\n"), contentType: "multipart/form-data; boundary=x"), UnsupportedType, TooLarge);
        yield return Raw("forgot JSON body", async app =>
            (await app.OpenFormAsync("/Forgot")).PostBody("{\"Input.Email\":\"a@x.test\"}"u8.ToArray(), contentType: "application/json"), UnsupportedType);
        yield return Raw("forgot text/plain body", async app =>
            (await app.OpenFormAsync("/Forgot")).PostBody("Input.Email=a@x.test"u8.ToArray(), contentType: "text/plain"), UnsupportedType);
        yield return Raw("forgot XML body", async app =>
            (await app.OpenFormAsync("/Forgot")).PostBody("<email>a@x.test</email>"u8.ToArray(), contentType: "application/xml"), UnsupportedType);
        yield return Raw("forgot urlencoded body that is binary", async app =>
            (await app.OpenFormAsync("/Forgot")).PostBody([0xff, 0xfe, 0x00, 0x3d, 0x26, 0x00, 0xc3, 0x28]), BadRequest);
        yield return Raw("forgot without the antiforgery token", _ =>
            Task.FromResult(RawHttp.Request("POST", "/Forgot", ["Content-Type: application/x-www-form-urlencoded"], "Input.Email=a%40x.test"u8.ToArray())), BadRequest);
        yield return Raw("forgot with a tampered antiforgery token", async app =>
        {
            var form = await app.OpenFormAsync("/Forgot");
            return (form with { Token = form.Token[..^4] + "AAAA" }).Post("Input.Email=a%40x.test");
        }, BadRequest);
        yield return Raw("forgot with a tampered antiforgery cookie", async app =>
        {
            var form = await app.OpenFormAsync("/Forgot");
            return (form with { Cookie = form.Cookie.Split('=')[0] + "=garbage" }).Post("Input.Email=a%40x.test");
        }, BadRequest);

        // Header injection and odd input in a form: refused by validation, the form shown again.
        yield return Forgot("forgot CR/LF and a Bcc in the address", "Input.Email=" + WebUtility.UrlEncode("a@x.test\r\nBcc: victim@x.test"), 200);
        yield return Forgot("forgot 300-character address", $"Input.Email={new string('a', 290)}%40x.test", 200);
        yield return Forgot("forgot two addresses", "Input.Email=" + WebUtility.UrlEncode("a@x.test, b@x.test"), 200);
        yield return Forgot("forgot SQL in the address", "Input.Email=" + WebUtility.UrlEncode("' OR 1=1 --"), 200);
        yield return Forgot("forgot script in the address", "Input.Email=" + WebUtility.UrlEncode("<script>alert(1)</script>"), 200);

        // Sign in: bad booleans, over-long and Unicode input, return URLs off the site.
        yield return SignIn("sign in RememberMe=garbage", app => $"Input.Email={Enc(app.Account)}&Input.Password=x&Input.RememberMe=garbage", BadRequest);
        yield return SignIn("sign in RememberMe=1", app => $"Input.Email={Enc(app.Account)}&Input.Password={Enc(HostileApp.Password)}&Input.RememberMe=1", BadRequest);
        yield return SignIn("sign in 1,000-character password", app => $"Input.Email={Enc(app.Account)}&Input.Password={new string('p', 1000)}", 200);
        yield return SignIn("sign in emoji password", app => $"Input.Email={Enc(app.Account)}&Input.Password={Enc("🔑🔑🔑 ∑ 密码 \u0301\u200D")}", 200);
        yield return SignIn("sign in right-to-left override in the address", app => $"Input.Email={Enc("\u202E" + app.Account)}&Input.Password={Enc(HostileApp.Password)}", 200);
        yield return SignIn("sign in SQL as the address", _ => $"Input.Email={Enc("' OR '1'='1")}&Input.Password=x", 200);
        yield return SignIn("sign in array-shaped fields", app => $"Input.Email[0]={Enc(app.Account)}&Input.Password[]=x&Input=1", 200);
        foreach (var url in EvilReturnUrls)
        {
            var shown = Printable(url);
            yield return SignIn($"sign in, right password, returnUrl {shown}", app => $"Input.Email={Enc(app.Account)}&Input.Password={Enc(HostileApp.Password)}",
                302, target: $"/Identity/Account/Login?returnUrl={Enc(url)}") with { Location = "/" };
            yield return SignIn($"sign in, wrong password, returnUrl {shown}", app => $"Input.Email={Enc(app.Account)}&Input.Password=wrong",
                200, target: $"/Identity/Account/Login?returnUrl={Enc(url)}");
            yield return Raw($"sign out, returnUrl {shown}", async app =>
                (await app.OpenFormAsync("/Identity/Account/Login")).Post("", target: $"/Identity/Account/Logout?returnUrl={Enc(url)}"), 302) with { Location = "/" };
            yield return Get($"sign-in page, returnUrl {shown}", $"/Identity/Account/Login?returnUrl={Enc(url)}", 200);
        }

        // Account pages reached without their precondition.
        yield return Get("two-factor step without a pending sign-in", "/Identity/Account/LoginWith2fa", 302) with { Location = "/Identity/Account/Login" };
        yield return Get("two-factor step with garbage rememberMe", "/Identity/Account/LoginWith2fa?rememberMe=garbage&returnUrl=//evil.example", 302) with { Location = "/Identity/Account/Login" };
        yield return Get("recovery-code step without a pending sign-in", "/Identity/Account/LoginWithRecoveryCode", 302) with { Location = "/Identity/Account/Login" };
        yield return Raw("two-factor POST without a pending sign-in", async app =>
            (await app.OpenFormAsync("/Identity/Account/Login")).Post("Input.TwoFactorCode=123456&Input.RememberMachine=garbage", "/Identity/Account/LoginWith2fa"), 302) with { Location = "/Identity/Account/Login" };
        yield return Raw("recovery-code POST without a pending sign-in", async app =>
            (await app.OpenFormAsync("/Identity/Account/Login")).Post("Input.RecoveryCode=abc", "/Identity/Account/LoginWithRecoveryCode"), 302) with { Location = "/Identity/Account/Login" };
        yield return Get("manage page without signing in", "/Identity/Account/Manage", 302) with { Location = "/Identity/Account/Login" };
        yield return Raw("manage page with a forged sign-in cookie", _ =>
            Task.FromResult(RawHttp.Request("GET", "/Identity/Account/Manage", ["Cookie: .AspNetCore.Identity.Application=CfDJ8" + new string('A', 300)])), 302) with { Location = "/Identity/Account/Login" };

        // Register and resend confirmation: refused input is answered on the form, records nothing and mails nobody.
        const string Good = "plenty+of+lemon+trees+in+winter";
        yield return Register("register CR/LF and a Bcc in the address", "Input.Email=" + Enc("a@x.test\r\nBcc: victim@x.test") + $"&Input.Password={Good}&Input.ConfirmPassword={Good}", 200);
        yield return Register("register NUL in the address", $"Input.Email=a%00b%40x.test&Input.Password={Good}&Input.ConfirmPassword={Good}", BadRequest);
        yield return Register("register 300-character address", $"Input.Email={new string('a', 290)}%40x.test&Input.Password={Good}&Input.ConfirmPassword={Good}", 200);
        yield return Register("register script in the address", "Input.Email=" + Enc("<script>alert(1)</script>@x.test") + $"&Input.Password={Good}&Input.ConfirmPassword={Good}", 200);
        yield return Register("register right-to-left override in the address", "Input.Email=" + Enc("\u202Ea@x.test") + $"&Input.Password={Good}&Input.ConfirmPassword={Good}", 200);
        yield return Register("register SQL as the address", "Input.Email=" + Enc("' OR '1'='1") + $"&Input.Password={Good}&Input.ConfirmPassword={Good}", 200);
        yield return Register("register array-shaped fields", $"Input.Email[0]=a%40x.test&Input.Password[]={Good}&Input=1", 200);
        yield return Register("register 129-character password", $"Input.Email=a%40x.test&Input.Password={new string('p', 129)}&Input.ConfirmPassword={new string('p', 129)}", 200);
        yield return Register("register 5,000-character password", $"Input.Email=a%40x.test&Input.Password={new string('p', 5000)}", BadRequest);
        yield return Register("register confirmation that differs", $"Input.Email=a%40x.test&Input.Password={Good}&Input.ConfirmPassword=other", 200);
        yield return Register("register a common password", "Input.Email=a%40x.test&Input.Password=qwertyqwerty&Input.ConfirmPassword=qwertyqwerty", 200);
        yield return Raw("resend CR/LF and a Bcc in the address", async app =>
            (await app.OpenFormAsync("/Identity/Account/ResendEmailConfirmation")).Post("Input.Email=" + Enc("a@x.test\r\nBcc: victim@x.test")), 200);
        yield return Raw("resend two addresses", async app =>
            (await app.OpenFormAsync("/Identity/Account/ResendEmailConfirmation")).Post("Input.Email=" + Enc("a@x.test, b@x.test")), 200);
        yield return Raw("resend NUL in the address", async app =>
            (await app.OpenFormAsync("/Identity/Account/ResendEmailConfirmation")).Post("Input.Email=a%00b%40x.test"), BadRequest) with { StatusPage = true };
        yield return Get("register confirmation with an address in the query", "/Identity/Account/RegisterConfirmation?email=" + Enc("<script>alert(1)</script>@x.test"), 200);

        // Tampered reset and confirmation tokens.
        yield return Get("reset link with a garbage token", "/ResetLink?uid=00000000-0000-0000-0000-000000000000&token=garbage", BadRequest);
        yield return Get("reset link with a non-base64 token", "/ResetLink?uid=x&token=%25%25%25", BadRequest);
        yield return Get("reset link with a huge token", $"/ResetLink?uid=x&token={new string('A', 4000)}", BadRequest);
        yield return Get("reset link with repeated parameters", "/ResetLink?uid=a&uid=b&token=c&token=d", BadRequest);
        yield return Raw("new password with a forged reset cookie", _ =>
            Task.FromResult(RawHttp.Request("GET", "/NewPassword", ["Cookie: __Host-reset=garbage; .reset=garbage"])), 200, BadRequest);
        yield return Get("confirm email with an unknown user", "/Identity/Account/ConfirmEmail?userId=nobody&code=abc", NotFound, BadRequest, 200);
        yield return Get("confirm email with a non-base64 code", "/Identity/Account/ConfirmEmail?userId=nobody&code=%25%25%25", NotFound, BadRequest, 200);
        yield return Get("confirm email without parameters", "/Identity/Account/ConfirmEmail", 302, BadRequest) with { Location = "/" };

        // Methods: pages take GET, HEAD and POST; /healthz GET and HEAD.
        foreach (var method in new[] { "TRACE", "PUT", "DELETE", "OPTIONS", "PROPFIND", "PATCH" })
        {
            yield return Raw($"{method} /Forgot", _ => Task.FromResult(RawHttp.Request(method, "/Forgot")), MethodNotAllowed) with { StatusPage = true };
            yield return Raw($"{method} /", _ => Task.FromResult(RawHttp.Request(method, "/")), MethodNotAllowed) with { StatusPage = true };
            yield return Raw($"{method} sign-in page", _ => Task.FromResult(RawHttp.Request(method, "/Identity/Account/Login")), MethodNotAllowed) with { StatusPage = true };
            yield return Raw($"{method} register page", _ => Task.FromResult(RawHttp.Request(method, "/Identity/Account/Register")), MethodNotAllowed) with { StatusPage = true };
            yield return Raw($"{method} /healthz", _ => Task.FromResult(RawHttp.Request(method, "/healthz")), MethodNotAllowed);
        }

        yield return Raw("POST to a page without a form", async app =>
            (await app.OpenFormAsync("/Forgot")).Post("", "/NewPassword/Done"), MethodNotAllowed) with { StatusPage = true };
        yield return Raw("POST to an unknown handler of a page without a form", async app =>
            (await app.OpenFormAsync("/Forgot")).Post("", "/NewPassword/Done?handler=Delete"), MethodNotAllowed) with { StatusPage = true };

        // Host and forwarded-header forgery.
        yield return Raw("forged Host header", _ => Task.FromResult(RawHttp.Request("GET", "/Forgot", host: "evil.example")), 200)
            with { AllowedIn = environment => environment == "Production" ? [BadRequest] : [200] };
        yield return Raw("Host header with a port and a path", _ => Task.FromResult(RawHttp.Request("GET", "/", host: "evil.example:443/x")), BadRequest) with { ByServer = true };
        yield return Raw("forwarded headers from an unknown proxy", _ => Task.FromResult(RawHttp.Request("GET", "/Forgot",
            ["X-Forwarded-For: 203.0.113.9", "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: http", "Forwarded: for=1.2.3.4;host=evil.example"])), 200);
        yield return Raw("a header value with non-ASCII bytes", _ => Task.FromResult(RawHttp.Request("GET", "/Forgot", ["X-Thing: \u00ff\u00fe"])), BadRequest) with { ByServer = true };

        // Paths: traversal, encodings, Unicode.
        yield return Get("path traversal", "/css/..%2f..%2fappsettings.json", NotFound, BadRequest);
        yield return Get("overlong UTF-8 in the path", "/Forgot%C0%AF", NotFound, BadRequest);
        yield return Get("Unicode path", "/F%C3%B6rgot", NotFound);
        yield return Get("dev mail page, forged id", "/dev/mail?id=..%2f..%2fapp.db", NotFound, BadRequest, 200)
            with { AllowedIn = environment => environment == "Production" ? [NotFound] : [NotFound, BadRequest, 200] };
    }

    private static HostileCase Get(string name, string target, params int[] allowed) =>
        new(name, _ => Task.FromResult(RawHttp.Request("GET", target)), allowed);

    private static HostileCase Raw(string name, Func<HostileApp, Task<byte[]>> build, params int[] allowed) => new(name, build, allowed);

    private static HostileCase Forgot(string name, string fields, params int[] allowed) =>
        new(name, async app => (await app.OpenFormAsync("/Forgot")).Post(fields), allowed) { StatusPage = allowed[0] >= 400 };

    private static HostileCase Register(string name, string fields, int allowed) =>
        new(name, async app => (await app.OpenFormAsync("/Identity/Account/Register")).Post(fields), [allowed]) { StatusPage = allowed >= 400 };

    private static HostileCase SignIn(string name, Func<HostileApp, string> fields, int allowed, string target = "/Identity/Account/Login") =>
        new(name, async app => (await app.OpenFormAsync("/Identity/Account/Login")).Post(fields(app), target), [allowed]) { StatusPage = allowed >= 400 };

    private static string Fields(int count) => string.Join("&", Enumerable.Range(0, count).Select(i => $"f{i}=1"));

    private static string Enc(string value) => WebUtility.UrlEncode(value);

    /// <summary>Test names stay on one line and in ASCII.</summary>
    private static string Printable(string value) =>
        string.Concat(value.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
}
