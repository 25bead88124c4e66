using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RazorReset.Api;

/// <summary>What a mobile developer reads in the OpenAPI document: the contract in words, and examples.</summary>
internal static class ResetPasswordApiDocs
{
    public const string DocumentDescription = """
        Self-service password reset for native clients. Send the user's address with POST; the user
        gets an email whose link is `{PublicBaseUrl}/ResetLink?uid={userId}&token={token}`. An app that
        handles that link (for example as a universal/app link) reads `uid` and `token` from its query
        string and sends them, unchanged, with the new password in PATCH. An app that does not handle
        links asks the user for the 8-digit code printed in the same email and sends it with the
        address instead (`{"email", "code", "password"}`). No cookies and no
        authentication header are needed. Errors are `application/problem+json` (RFC 9457); every
        endpoint is rate limited per client IP and answers 429 with `Retry-After` when the limit is hit.
        """;

    public const string SendLinkDescription = """
        Records the request and answers `202 Accepted` with the same body for every well-formed
        address, whether or not it belongs to an account, so the answer cannot be used to find out
        who has one. When it does, the reset email follows within seconds; a few emails per account
        per hour at most are sent, and requests beyond that are accepted and silently dropped.
        Show the `message` to the user as it is. A malformed address is a 400 validation problem.
        """;

    public const string ResetDescription = """
        Sets the new password and answers `204 No Content`. The user is not signed in: sign in with
        the new password afterwards. Every earlier link and every other session of the account stops
        working, and the account owner is emailed that the password changed.

        Send either `userId` and `token` from the link, or `email` and `code` (the 8-digit code in the
        same email; spaces and dashes are ignored), never both. The code lives as long as the link and
        allows 5 wrong tries; a newer email replaces it, and a reset with the link kills it (and the
        other way round).

        Any problem with `userId` and `token`, or with `email` and `code` (missing, tampered, wrong,
        expired, already used, tried too often, for another account, an unknown address) is one
        answer: 400 with `code` `invalid_or_expired_token`; ask the user to request a new email. When the link is good but the password is not accepted, the answer is 400 with
        `code` `password_rejected` and the reasons to show in `errors.password`; the link stays usable.
        """;

    private const string ExampleUserId = "0b8c5a52-5e1e-4b1a-9a57-3f4f2d9b6c11";
    private const string ExampleToken = "CfDJ8N4x2kq7Vb0Ljr9tZQ4mXWJ1c1bV3m8kqYy0zR2lH6oUeDp5aF";

    public static Task SendLinkExamples(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        RequestExample(operation, "address", new JsonObject { ["email"] = "ada@example.com" });
        Describe(operation, "202", "Recorded. The same body for every well-formed address.");
        Describe(operation, "400", "The address is missing or malformed, or the body is not JSON of this shape.");
        ResponseExample(operation, "202", "accepted", new JsonObject
        {
            ["status"] = "accepted",
            ["message"] = ResetPasswordApi.LinkSent("30 minutes").Message,
        });
        ResponseExample(operation, "400", "malformed address", new JsonObject
        {
            ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            ["title"] = "One or more validation errors occurred.",
            ["status"] = 400,
            ["errors"] = new JsonObject { ["email"] = new JsonArray("Enter an email address like name@example.com.") },
        });
        CommonResponses(operation);
        return Task.CompletedTask;
    }

    public static Task ResetExamples(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        RequestExample(operation, "from the link", new JsonObject
        {
            ["userId"] = ExampleUserId,
            ["token"] = ExampleToken,
            ["password"] = "plenty of lemon trees in winter",
        });
        RequestExample(operation, "with the code", new JsonObject
        {
            ["email"] = "ada@example.com",
            ["code"] = "4823 0916",
            ["password"] = "plenty of lemon trees in winter",
        });
        Describe(operation, "204", "The password was changed. The user is not signed in.");
        Describe(operation, "400", "The link or code is unusable (`invalid_or_expired_token`), the password was not accepted (`password_rejected`), or the body is not JSON of this shape.");
        ResponseExample(operation, "400", "invalid or expired token", new JsonObject
        {
            ["type"] = "urn:razorreset:problem:invalid-or-expired-token",
            ["title"] = "This link is invalid or has expired.",
            ["status"] = 400,
            ["detail"] = "Request a new link and use the newest email.",
            ["code"] = ResetPasswordApi.InvalidTokenCode,
        });
        ResponseExample(operation, "400", "password rejected", new JsonObject
        {
            ["type"] = "urn:razorreset:problem:password-rejected",
            ["title"] = "Choose a different password.",
            ["status"] = 400,
            ["errors"] = new JsonObject
            {
                ["password"] = new JsonArray("Use at least 12 characters. A few unrelated words make a good password."),
            },
            ["code"] = ResetPasswordApi.PasswordRejectedCode,
        });
        CommonResponses(operation);
        return Task.CompletedTask;
    }

    private static void CommonResponses(OpenApiOperation operation)
    {
        Describe(operation, "413", $"The body is larger than {ResetPasswordApi.MaxBodyBytes} bytes.");
        Describe(operation, "415", "The body is not sent as application/json.");
        Describe(operation, "429", "Too many requests from this IP address; wait for the seconds in `Retry-After`.");
        ResponseExample(operation, "429", "rate limited", new JsonObject
        {
            ["type"] = "urn:razorreset:problem:too-many-requests",
            ["title"] = "Too many requests.",
            ["status"] = 429,
            ["detail"] = "Try again in 600 seconds.",
        });
    }

    private static void Describe(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response is OpenApiResponse concrete)
        {
            concrete.Description = description;
        }
    }

    private static void RequestExample(OpenApiOperation operation, string name, JsonNode value) =>
        AddExample(operation.RequestBody?.Content, name, value);

    private static void ResponseExample(OpenApiOperation operation, string status, string name, JsonNode value)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true) AddExample(response.Content, name, value);
    }

    private static void AddExample(IDictionary<string, OpenApiMediaType>? content, string name, JsonNode value)
    {
        foreach (var media in content?.Values ?? [])
        {
            media.Examples ??= new Dictionary<string, IOpenApiExample>();
            media.Examples[name] = new OpenApiExample { Summary = name, Value = value.DeepClone() };
        }
    }
}
