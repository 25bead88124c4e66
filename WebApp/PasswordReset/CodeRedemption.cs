namespace RazorReset.PasswordReset;

/// <summary>
/// The outcome of a typed code: a ticket for /NewPassword or the API, or a refusal that says only
/// whether trying again can help (wrong) or a new email is needed (used up or expired).
/// </summary>
public sealed record CodeRedemption(ResetTicket? Ticket, bool NeedsNewEmail)
{
    public static readonly CodeRedemption Wrong = new(null, NeedsNewEmail: false);
    public static readonly CodeRedemption UsedUp = new(null, NeedsNewEmail: true);

    public bool Accepted => Ticket is not null;
}
