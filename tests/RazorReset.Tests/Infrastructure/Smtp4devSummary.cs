namespace RazorReset.Tests.Infrastructure;

/// <summary>One row of smtp4dev's GET /api/messages.</summary>
public sealed record Smtp4devSummary(string Id, IReadOnlyList<string> To, string Subject, DateTimeOffset ReceivedDate)
{
    public bool IsTo(string address) => To.Any(t => string.Equals(t, address, StringComparison.OrdinalIgnoreCase));
}

/// <summary>smtp4dev's paged answer.</summary>
internal sealed record Smtp4devPage(IReadOnlyList<Smtp4devSummary> Results, int RowCount);
