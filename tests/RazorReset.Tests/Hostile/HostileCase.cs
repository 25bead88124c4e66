namespace RazorReset.Tests.Hostile;

/// <summary>
/// One hostile request and the answers it may get. <see cref="StatusPage"/>: a refusal must be the
/// app's own readable status page for that code. <see cref="Location"/>: where a redirect must lead.
/// </summary>
public sealed record HostileCase(string Name, Func<HostileApp, Task<byte[]>> Build, int[] Allowed)
{
    public bool StatusPage { get; init; }

    public string? Location { get; init; }

    /// <summary>Refused by Kestrel itself before any of the app runs (a malformed request), so without the app's headers.</summary>
    public bool ByServer { get; init; }

    /// <summary>Allowed answers that differ by configuration (forged Host headers are served in Development only).</summary>
    public Func<string, int[]>? AllowedIn { get; init; }

    public int[] AllowedFor(string environment) => AllowedIn?.Invoke(environment) ?? Allowed;
}
