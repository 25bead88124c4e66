namespace RazorReset.Accounts;

public enum AccountRequestKind
{
    Register = 1,
    ResendConfirmation = 2,
}
