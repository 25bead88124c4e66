using Microsoft.Extensions.DependencyInjection;
using RazorReset.Data;
using RazorReset.Email;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Email;

public sealed class RecipientTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Theory] // E3: no header injection through a recipient, and never a second recipient
    [InlineData("victim@example.test\r\nBcc: attacker@example.test")]
    [InlineData("victim@example.test\nSubject: hijacked")]
    [InlineData("victim@example.test, attacker@example.test")]
    [InlineData("victim@example.test; attacker@example.test")]
    [InlineData("Friends: victim@example.test, attacker@example.test;")]
    [InlineData("not an address")]
    [InlineData("")]
    public async Task AMessageForAnythingButOneAddress_IsRefused_BeforeAnythingIsQueued(string to)
    {
        await using var scope = factory.Services.CreateAsyncScope();

        Assert.Throws<ArgumentException>(() => scope.ServiceProvider.GetRequiredService<Outbox>()
            .Add(new EmailMessage(EmailKinds.PasswordChanged, to, "Subject", "text", "<p>html</p>")));

        Assert.Empty(scope.ServiceProvider.GetRequiredService<AppDbContext>().ChangeTracker.Entries<OutboxMessage>());
    }

    [Fact] // positive control: one address, with or without a display name, is queued
    public async Task AMessageForOneAddress_IsQueued()
    {
        await using var scope = factory.Services.CreateAsyncScope();

        scope.ServiceProvider.GetRequiredService<Outbox>().Add(
            new EmailMessage(EmailKinds.PasswordChanged, "Someone <someone@example.test>", "Subject", "text", "<p>html</p>"));

        Assert.Single(scope.ServiceProvider.GetRequiredService<AppDbContext>().ChangeTracker.Entries<OutboxMessage>());
    }
}
