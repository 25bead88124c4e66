namespace RazorReset.Infrastructure;

/// <summary>
/// Every security-relevant event, declared once with a stable event id (O4). None of these takes
/// a token, a link, a password or an email address as a parameter (S11).
/// </summary>
public static partial class LogEvents
{
    /// <summary>
    /// Logged by the processor, one line for each batch it resolves, not by the request: a console
    /// line on every POST cost a quarter of the Forgot rate, in the console logger's lock hand-off (P2).
    /// </summary>
    [LoggerMessage(1001, LogLevel.Information, "Password reset requested (requests {RequestIds}).")]
    public static partial void ResetsRequested(this ILogger logger, IReadOnlyList<long> requestIds);

    /// <summary>One line for all of a batch's requests that matched no account: a flood of unknown addresses is the case this must stay cheap in.</summary>
    [LoggerMessage(1002, LogLevel.Information, "Password reset requests {RequestIds} matched no account; no email sent.")]
    public static partial void ResetsForUnknownAccounts(this ILogger logger, IReadOnlyList<long> requestIds);

    [LoggerMessage(1003, LogLevel.Warning, "Password reset request {RequestId} for user {UserId} dropped: {Limit} emails in the last hour already.")]
    public static partial void ResetThrottledForAccount(this ILogger logger, long requestId, string userId, int limit);

    [LoggerMessage(1004, LogLevel.Information, "Password reset email queued for user {UserId} (request {RequestId}).")]
    public static partial void ResetEmailQueued(this ILogger logger, long requestId, string userId);

    [LoggerMessage(1005, LogLevel.Information, "Password reset request {RequestId} is for user {UserId}, whose email is not confirmed yet; following the link will confirm it.")]
    public static partial void ResetForUnconfirmedAccount(this ILogger logger, long requestId, string userId);

    [LoggerMessage(1006, LogLevel.Warning, "Password reset link rejected (invalid, expired, used or tampered).")]
    public static partial void ResetLinkInvalid(this ILogger logger);

    [LoggerMessage(1007, LogLevel.Information, "Password reset completed for user {UserId}.")]
    public static partial void PasswordReset(this ILogger logger, string userId);

    [LoggerMessage(1008, LogLevel.Warning, "Rate limit hit on {Path}; answered 429.")]
    public static partial void RateLimited(this ILogger logger, string path);

    [LoggerMessage(1009, LogLevel.Error, "Processing password reset requests failed; will retry.")]
    public static partial void ResetProcessingFailed(this ILogger logger, Exception exception);

    [LoggerMessage(1010, LogLevel.Error, "Password reset request {RequestId} could not be resolved and was dropped.")]
    public static partial void ResetRequestFailed(this ILogger logger, long requestId, Exception exception);

    [LoggerMessage(1011, LogLevel.Information, "A batch of {Count} password reset requests was resolved by another instance first; this instance's work on it was dropped.")]
    public static partial void ResetBatchResolvedElsewhere(this ILogger logger, int count);

    [LoggerMessage(1012, LogLevel.Warning, "Password reset request {RequestId} could not be resolved on attempt {Attempt} of {MaxAttempts}; retrying after {RetryAt:O}.")]
    public static partial void ResetRequestRetryScheduled(this ILogger logger, long requestId, int attempt, int maxAttempts, DateTime retryAt, Exception exception);

    [LoggerMessage(1021, LogLevel.Warning, "A password reset code was refused (wrong, expired, used up or superseded).")]
    public static partial void ResetCodeRejected(this ILogger logger);

    [LoggerMessage(1022, LogLevel.Information, "A password reset code was accepted for user {UserId}.")]
    public static partial void ResetCodeAccepted(this ILogger logger, string userId);

    [LoggerMessage(1101, LogLevel.Information, "Account request {RequestId} ({Kind}) recorded.")]
    public static partial void AccountRequested(this ILogger logger, long requestId, RazorReset.Accounts.AccountRequestKind kind);

    [LoggerMessage(1102, LogLevel.Information, "Confirmation email queued for user {UserId} (account request {RequestId}, {Kind}).")]
    public static partial void ConfirmationEmailQueued(this ILogger logger, long requestId, string userId, RazorReset.Accounts.AccountRequestKind kind);

    [LoggerMessage(1103, LogLevel.Information, "Account request {RequestId} is for user {UserId}, who already has an account; a notice was queued to its owner.")]
    public static partial void AccountExistsNoticeQueued(this ILogger logger, long requestId, string userId);

    [LoggerMessage(1104, LogLevel.Information, "Account request {RequestId} (resend confirmation) matched no account; no email sent.")]
    public static partial void AccountRequestForUnknownAccount(this ILogger logger, long requestId);

    [LoggerMessage(1105, LogLevel.Warning, "Account request {RequestId} for user {UserId} dropped: {Limit} account emails in the last hour already.")]
    public static partial void AccountRequestThrottled(this ILogger logger, long requestId, string userId, int limit);

    [LoggerMessage(1106, LogLevel.Warning, "Account request {RequestId} could not be resolved on attempt {Attempt} of {MaxAttempts}; it will be retried.")]
    public static partial void AccountRequestRetryScheduled(this ILogger logger, long requestId, int attempt, int maxAttempts, Exception exception);

    [LoggerMessage(1107, LogLevel.Error, "Account request {RequestId} could not be resolved and was dropped.")]
    public static partial void AccountRequestFailed(this ILogger logger, long requestId, Exception exception);

    [LoggerMessage(1108, LogLevel.Error, "Processing account requests failed; will retry.")]
    public static partial void AccountProcessingFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2001, LogLevel.Information, "Email {MessageId} ({Kind}) queued.")]
    public static partial void EmailQueued(this ILogger logger, long messageId, string kind);

    [LoggerMessage(2002, LogLevel.Information, "Email {MessageId} ({Kind}) sent on attempt {Attempt}.")]
    public static partial void EmailSent(this ILogger logger, long messageId, string kind, int attempt);

    [LoggerMessage(2003, LogLevel.Warning, "Email {MessageId} ({Kind}) attempt {Attempt} failed; retrying in {Delay}. {Error}")]
    public static partial void EmailRetryScheduled(this ILogger logger, long messageId, string kind, int attempt, TimeSpan delay, string error);

    [LoggerMessage(2004, LogLevel.Error, "Email {MessageId} ({Kind}) dropped after {Attempts} attempts: it is no longer useful (its link expired, or Email:RetryFor passed). {Error}")]
    public static partial void EmailFailed(this ILogger logger, long messageId, string kind, int attempts, string error);

    [LoggerMessage(2005, LogLevel.Error, "The outbox sender loop failed; will retry.")]
    public static partial void OutboxLoopFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2006, LogLevel.Warning, "Identity UI asked to send '{Subject}', which has no template; it was not sent.")]
    public static partial void UnknownIdentityEmail(this ILogger logger, string subject);

    [LoggerMessage(3001, LogLevel.Warning, "Redis is unreachable ({Reason}); until it is back, each instance enforces the per-IP limits on its own.")]
    public static partial void SharedRateLimitsUnavailable(this ILogger logger, string reason);

    [LoggerMessage(3002, LogLevel.Information, "Redis is reachable again; every instance shares the per-IP limits once more.")]
    public static partial void SharedRateLimitsRestored(this ILogger logger);
}
