using Microsoft.Extensions.Options;
using MimeKit;

namespace RazorReset.Email;

/// <summary>One .eml file per message in a folder (E4, E5), written by MimeKit.</summary>
public sealed class PickupMailTransport(IOptions<EmailOptions> options, IHostEnvironment environment) : IMailTransport
{
    private static readonly FormatOptions FileFormat = new() { NewLineFormat = NewLineFormat.Dos };

    public string Directory => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory));

    public int MaxSessions => 1;

    public IMailSession OpenSession() => new Session(Directory);

    /// <summary>
    /// A reader of the folder (the /dev/mail page, a script) must never open a half-written file:
    /// each message is written into a staging folder of this session's own and renamed into the
    /// pickup folder only once complete. A rename on one volume is atomic, so readers see a whole
    /// message or none.
    /// </summary>
    private sealed class Session(string directory) : IMailSession
    {
        private readonly string _staging = Path.Combine(directory, ".staging", Guid.NewGuid().ToString("N"));

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            System.IO.Directory.CreateDirectory(_staging);
            var name = $"{Guid.NewGuid():N}.eml";
            var staged = Path.Combine(_staging, name);
            try
            {
                await using (var file = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
                {
                    await message.WriteToAsync(FileFormat, file, cancellationToken);
                }

                File.Move(staged, Path.Combine(directory, name));
            }
            finally
            {
                // Whatever a failed write left is incomplete: the outbox retries that message.
                File.Delete(staged);
            }
        }

        public ValueTask DisposeAsync()
        {
            if (System.IO.Directory.Exists(_staging)) System.IO.Directory.Delete(_staging, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
