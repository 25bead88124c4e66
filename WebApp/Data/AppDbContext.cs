using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RazorReset.Email;
using RazorReset.PasswordReset;

namespace RazorReset.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options, DatabaseWriteGate writeGate)
    : IdentityDbContext<IdentityUser>(options)
{
    public DbSet<ResetRequest> ResetRequests => Set<ResetRequest>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using (writeGate.Enter())
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        WriteAsync(token => base.SaveChangesAsync(acceptAllChangesOnSuccess, token), cancellationToken);

    /// <summary>Every write takes its turn at the gate: SaveChanges, and set-based writes (ExecuteUpdate) that bypass it.</summary>
    public async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        using (await writeGate.EnterAsync(cancellationToken))
        {
            return await write(cancellationToken);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<ResetRequest>(request =>
        {
            request.ToTable("ResetRequests");
            request.Property(r => r.NormalizedEmail).HasMaxLength(256);
            request.Property(r => r.UserId).HasMaxLength(450);
            request.Property(r => r.ProcessedAt).IsConcurrencyToken(); // one resolution per request, however many instances
            request.HasIndex(r => r.ProcessedAt);
            request.HasIndex(r => new { r.UserId, r.Outcome, r.RequestedAt });
        });

        builder.Entity<OutboxMessage>(message =>
        {
            message.ToTable("OutboxMessages");
            message.Property(m => m.Kind).HasMaxLength(64);
            message.Property(m => m.LastError).HasMaxLength(1024);
            message.HasIndex(m => new { m.Status, m.NextAttemptAt });
            message.Property(m => m.LeaseId).IsConcurrencyToken();
            message.HasIndex(m => m.LeaseId);
        });
    }
}
