using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Email;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Email;

public sealed class PickupTransportTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // E5: /dev/mail and anyone reading the folder see a whole message or none
    public async Task PickupFiles_AppearComplete_AndAreNeverWrittenInPlace()
    {
        // Arrange: watch the folder a reader would watch
        var transport = factory.Services.GetRequiredService<PickupMailTransport>();
        Directory.CreateDirectory(transport.Directory);
        var writtenInPlace = new ConcurrentBag<string>();
        var seen = new ConcurrentBag<string>();
        using var watcher = new FileSystemWatcher(transport.Directory)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            IncludeSubdirectories = false,
        };
        watcher.Changed += (_, e) => writtenInPlace.Add(e.Name!);
        watcher.Created += (_, e) => seen.Add(e.Name!);
        watcher.EnableRaisingEvents = true;
        var to = UserStories.UniqueEmail("pickup");
        var body = new string('x', 64 * 1024); // large enough to take more than one write

        // Act
        var composer = factory.Services.GetRequiredService<MessageComposer>();
        await using (var session = transport.OpenSession())
        {
            for (var i = 0; i < 5; i++)
            {
                await session.SendAsync(composer.Compose(new EmailMessage(EmailKinds.ResetLink, to, $"Pickup {i}", body, $"<p>{body}</p>")), CancellationToken.None);
            }
        }

        // Events arrive in order: once the sentinel's is seen, every message's has been.
        var sentinel = Path.Combine(transport.Directory, "sentinel.txt");
        await File.WriteAllTextAsync(sentinel, "");
        await Eventually.UntilAsync(() => Task.FromResult(seen.Contains("sentinel.txt")), found => found, _ => "The watcher saw no events.", TimeSpan.FromSeconds(10));
        File.Delete(sentinel);

        // Assert
        var messages = factory.Mailbox.To(to);
        Assert.Equal(5, messages.Count);
        Assert.All(messages, m => Assert.Equal(body, m.Text.TrimEnd()));
        Assert.DoesNotContain(writtenInPlace, name => name.EndsWith(".eml", StringComparison.Ordinal));
        Assert.Empty(Directory.GetDirectories(transport.Directory, "*", SearchOption.AllDirectories)
            .SelectMany(d => Directory.GetFiles(d)));
    }
}
