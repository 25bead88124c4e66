using System.Collections.Concurrent;
using System.Data.Common;

namespace RazorReset.Tests.Infrastructure;

/// <summary>The database commands run while one client's marked requests were handled.</summary>
public sealed class CommandCapture : IDisposable
{
    private readonly ConcurrentQueue<CapturedCommand> _commands = new();
    private readonly HttpClient _client;
    private readonly Action<string> _release;

    internal CommandCapture(HttpClient client, CommandBarrier? barrier, Action<string> release)
    {
        _client = client;
        _release = release;
        Barrier = barrier;
        _client.DefaultRequestHeaders.Add(DatabaseCommands.Header, Id);
    }

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public CommandBarrier? Barrier { get; }

    public IReadOnlyList<CapturedCommand> Commands => _commands.ToArray();

    internal void Record(DbCommand command) => _commands.Enqueue(CapturedCommand.From(command));

    public void Dispose()
    {
        _client.DefaultRequestHeaders.Remove(DatabaseCommands.Header);
        _release(Id);
    }
}
