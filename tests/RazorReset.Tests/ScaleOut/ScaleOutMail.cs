using Microsoft.Extensions.DependencyInjection;
using RazorReset.Data;
using RazorReset.Email;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.ScaleOut;

/// <summary>Mail put straight into the shared outbox, for the senders of several instances to share.</summary>
internal static class ScaleOutMail
{
    public static EmailMessage Message(string to, string subject) =>
        new(EmailKinds.PasswordChanged, to, subject, "text", "<p>html</p>");

    /// <summary>Straight into the table, in one transaction, without waking anybody.</summary>
    public static async Task QueueAsync(Instance factory, IEnumerable<EmailMessage> messages)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var outbox = QuietOutbox(scope.ServiceProvider);
        foreach (var message in messages) outbox.Add(message);
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
    }

    /// <summary>
    /// The app's outbox with a signal of its own: adding wakes no sender, so the mail waits for
    /// whoever the test wakes (the app's own signal would start a round before the test is ready).
    /// </summary>
    public static Outbox QuietOutbox(IServiceProvider scopedServices) =>
        ActivatorUtilities.CreateInstance<Outbox>(scopedServices, new OutboxSignal());
}
