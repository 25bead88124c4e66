namespace RazorReset.Email;

/// <summary>What became of one message in a batch.</summary>
internal readonly record struct Delivery(bool NotAttempted, Exception? Error)
{
    public static readonly Delivery Sent = new(false, null);
    public static readonly Delivery Skipped = new(true, null);
}

/// <summary>
/// Spreads a batch over up to <see cref="IMailTransport.MaxSessions"/> sessions, side by side on
/// the thread pool (MailKit is async throughout, so no session holds a thread while it waits).
/// Sessions stay open across the batches of one sending round and are closed when it ends.
/// </summary>
internal sealed class OutboxDeliveries(IMailTransport transport, OutboxProtector protector, MessageComposer composer) : IAsyncDisposable
{
    private readonly List<IMailSession> _sessions = [];

    public async Task<Delivery[]> SendAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var outcomes = new Delivery[messages.Count];
        var lanes = Math.Min(transport.MaxSessions, messages.Count);
        while (_sessions.Count < lanes) _sessions.Add(transport.OpenSession());

        await Task.WhenAll(Enumerable.Range(0, lanes).Select(lane => SendLaneAsync(lane, lanes, messages, outcomes, cancellationToken)));
        return outcomes;
    }

    private async Task SendLaneAsync(int lane, int lanes, IReadOnlyList<OutboxMessage> messages, Delivery[] outcomes, CancellationToken cancellationToken)
    {
        MailServerUnavailableException? unavailable = null;
        for (var i = lane; i < messages.Count; i += lanes)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                outcomes[i] = Delivery.Skipped;
            }
            else if (unavailable is not null)
            {
                // The server could not be reached a moment ago: the rest of this lane counts as
                // failed with the same reason rather than each waiting out the connect timeout.
                outcomes[i] = new Delivery(false, unavailable);
            }
            else
            {
                outcomes[i] = await SendAsync(_sessions[lane], messages[i], cancellationToken);
                unavailable = outcomes[i].Error as MailServerUnavailableException;
            }
        }
    }

    private async Task<Delivery> SendAsync(IMailSession session, OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await session.SendAsync(composer.Compose(protector.Unprotect(message.ProtectedContent)), cancellationToken);
            return Delivery.Sent;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Delivery.Skipped;
        }
        catch (Exception exception)
        {
            return new Delivery(false, exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions) await session.DisposeAsync();
    }
}
