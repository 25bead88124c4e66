namespace RazorReset.Email;

/// <summary>The SMTP server could not be reached or refused the session (connect, TLS or authentication).</summary>
public sealed class MailServerUnavailableException(string message, Exception inner) : Exception(message, inner);
