namespace RazorReset.Accounts;

public enum AccountRequestOutcome
{
    Pending = 0,

    /// <summary>A confirmation email is on its way: to a new account, or again to an unconfirmed one.</summary>
    ConfirmationQueued = 1,

    /// <summary>The address already had an account: its owner is told, nothing else changes.</summary>
    NoticeQueued = 2,

    /// <summary>A resend for an address without an account: nobody to write to.</summary>
    UnknownAccount = 3,

    /// <summary>The account had its hour's share of mail already (S6).</summary>
    Throttled = 4,

    Failed = 5,
}
