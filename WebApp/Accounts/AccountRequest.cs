namespace RazorReset.Accounts;

/// <summary>
/// One register or resend-confirmation submission, recorded before the response so that the
/// response cannot depend on whether the address has an account (S4). The address and the
/// password hash travel encrypted in <see cref="ProtectedContent"/> and are erased once the
/// processor has resolved the request; the row then keeps only the account id and the outcome
/// (for the per-account limit, S6).
/// </summary>
public sealed class AccountRequest
{
    public long Id { get; set; }

    public AccountRequestKind Kind { get; set; }

    public byte[]? ProtectedContent { get; set; }

    public DateTime RequestedAt { get; set; }

    public DateTime? ProcessedAt { get; set; }

    public string? UserId { get; set; }

    public AccountRequestOutcome Outcome { get; set; }

    public int Attempts { get; set; }

    public DateTime? RetryAt { get; set; }
}
