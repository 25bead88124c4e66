using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RazorReset.Infrastructure;
using RazorReset.PasswordReset;

namespace RazorReset.Api;

/// <summary>
/// A1, A2: the reset flow for native clients, over the same services as the pages, so the
/// per-account limit, the timing, the token checks and the effects of a reset are the pages' own.
/// </summary>
public static class ResetPasswordApi
{
    public const string Route = "/api/v1/auth/reset-password";
    public const string InvalidTokenCode = "invalid_or_expired_token";
    public const string PasswordRejectedCode = "password_rejected";
    public const long MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapResetPasswordApi(this IEndpointRouteBuilder endpoints)
    {
        // No antiforgery: these endpoints neither read cookies nor sign anyone in, so there is no
        // ambient credential for a cross-site request to ride on; the emailed token is the credential.
        var group = endpoints.MapGroup(Route)
            .WithTags("Password reset")
            .RequireRateLimiting(RateLimitPolicies.Api)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("", SendLinkAsync)
            .WithName("SendResetLink")
            .WithSummary("Email a password reset link")
            .WithDescription(ResetPasswordApiDocs.SendLinkDescription)
            .AddOpenApiOperationTransformer(ResetPasswordApiDocs.SendLinkExamples);

        group.MapPatch("", ResetAsync)
            .WithName("ResetPassword")
            .WithSummary("Set a new password with the emailed link's uid and token, or the email's code")
            .WithDescription(ResetPasswordApiDocs.ResetDescription)
            .AddOpenApiOperationTransformer(ResetPasswordApiDocs.ResetExamples);

        return group;
    }

    /// <summary>F2, S4: one recorded request and one answer, whatever the address.</summary>
    private static async Task<Results<Accepted<ResetLinkSentResponse>, ValidationProblem>> SendLinkAsync(
        SendResetLinkRequest request,
        ResetRequests requests,
        IOptions<PasswordResetOptions> options,
        CancellationToken cancellationToken)
    {
        if (!RequestValidation.TryValidate(request, out var errors)) return TypedResults.ValidationProblem(errors);

        await requests.RecordAsync(request.Email!, cancellationToken);
        // No Location: there is deliberately nothing to poll that could tell the outcome (S4).
        return TypedResults.Accepted((string?)null, LinkSent(options.Value.ExpiryText));
    }

    /// <summary>
    /// F5, F6, S2, A4: the page flow's reset, with the link's uid and token or the email's code;
    /// any failure of either is the same single answer.
    /// </summary>
    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetAsync(
        ResetPasswordRequest request,
        PasswordResetService resets,
        ResetCodeRedeemer codes,
        CancellationToken cancellationToken)
    {
        var byCode = request.Email is not null || request.Code is not null;
        var byLink = request.UserId is not null || request.Token is not null;
        var ticket = byCode == byLink ? null
            : byCode ? await TicketFromCodeAsync(request, codes, cancellationToken)
            : TicketFromLink(request);
        if (ticket is null) return InvalidToken();

        // The token or code is checked before the password, so policy reasons reach only its holder.
        var result = await resets.ResetAsync(ticket, request.Password ?? "");
        return result.Status switch
        {
            ResetStatus.Succeeded => TypedResults.NoContent(),
            ResetStatus.PasswordRejected => PasswordRejected(result.PasswordProblems),
            _ => InvalidToken(),
        };
    }

    private static ResetTicket? TicketFromLink(ResetPasswordRequest request)
    {
        var token = ResetLinks.TokenFromUrl(request.Token);
        return string.IsNullOrEmpty(request.UserId) || token is null ? null : new ResetTicket(request.UserId, token);
    }

    private static async Task<ResetTicket?> TicketFromCodeAsync(ResetPasswordRequest request, ResetCodeRedeemer codes, CancellationToken cancellationToken)
    {
        if (!RequestValidation.TryValidate(new SendResetLinkRequest { Email = request.Email }, out _)) return null;
        return (await codes.RedeemForEmailAsync(request.Email!, request.Code, cancellationToken)).Ticket;
    }

    internal static ResetLinkSentResponse LinkSent(string expiry) => new(
        "accepted",
        $"If an account exists for that address, we have sent a link. It expires in {expiry}.");

    internal static ProblemHttpResult InvalidToken() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "This link is invalid or has expired.",
        detail: "Request a new link and use the newest email.",
        type: "urn:razorreset:problem:invalid-or-expired-token",
        extensions: new Dictionary<string, object?> { ["code"] = InvalidTokenCode });

    internal static ValidationProblem PasswordRejected(IEnumerable<string> problems) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["password"] = problems.ToArray() },
        title: "Choose a different password.",
        type: "urn:razorreset:problem:password-rejected",
        extensions: new Dictionary<string, object?> { ["code"] = PasswordRejectedCode });
}
