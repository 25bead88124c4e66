namespace RazorReset.Tests.Infrastructure;

/// <summary>
/// Polls until background work (the reset processor, the outbox, an SMTP server) has caught up.
/// The one waiting loop every helper and test uses, so timeouts and failure messages stay alike.
/// </summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(
        Func<Task<T>> probe,
        Func<T, bool> done,
        Func<T, string> failure,
        TimeSpan timeout,
        TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException(failure(value));
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
    }
}
