namespace RazorReset.Accounts;

/// <summary>What a request carries to the processor: the address as typed and, to register, the password's hash (never the password).</summary>
public sealed record AccountRequestContent(string Email, string? PasswordHash);
