namespace RazorReset.Email;

/// <summary>How the SMTP connection is protected (E4); mapped onto MailKit's SecureSocketOptions.</summary>
public enum SmtpSecurity
{
    /// <summary>Implicit TLS on port 465, STARTTLS when the server offers it elsewhere.</summary>
    Auto,

    /// <summary>Plain text: for a server on loopback such as smtp4dev.</summary>
    None,

    /// <summary>STARTTLS, and fail if the server does not offer it.</summary>
    StartTls,

    /// <summary>Implicit TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
