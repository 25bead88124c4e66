namespace RazorReset.PasswordReset;

public sealed record ThrottledAccount(string Email, int Dropped, DateTime Latest);
