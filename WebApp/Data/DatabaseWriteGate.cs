namespace RazorReset.Data;

/// <summary>
/// SQLite lets one connection write at a time, and Microsoft.Data.Sqlite meets a busy database by
/// sleeping 150 ms on the caller's thread before it tries again. Under concurrent Forgot POSTs
/// those sleeps were most of the latency, so every save in this process waits here instead,
/// asynchronously, and SQLite never sees two writers from one instance. (Instances sharing a
/// database still meet SQLite's own locking, as before.)
/// </summary>
public sealed class DatabaseWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Lease(_gate);
    }

    public Lease Enter()
    {
        _gate.Wait();
        return new Lease(_gate);
    }

    public void Dispose() => _gate.Dispose();

    public readonly struct Lease(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
