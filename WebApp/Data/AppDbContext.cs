using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RazorReset.Accounts;
using RazorReset.Email;
using RazorReset.PasswordReset;

namespace RazorReset.Data;

/// <summary>
/// The app's data, whichever database holds it. Each provider has a subclass of its own
/// (<see cref="SqliteAppDbContext"/>, <see cref="PostgreSqlAppDbContext"/>) so that each has
/// migrations of its own; everything else asks for this type and never learns which it got.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<ResetRequest> ResetRequests => Set<ResetRequest>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>The Data Protection key ring, when <c>DataProtection:KeyStore</c> is <c>Database</c> (S12).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ResetCode> ResetCodes => Set<ResetCode>();

    public DbSet<AccountRequest> AccountRequests => Set<AccountRequest>();

    /// <summary>True when the database commits one writer at a time, so batching commits pays.</summary>
    public virtual bool CommitsOneWriterAtATime => false;

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        WriteAsync(token => base.SaveChangesAsync(acceptAllChangesOnSuccess, token), cancellationToken);

    /// <summary>
    /// Set-based writes (ExecuteUpdate) and the tracked changes in one commit: the writes run
    /// first, in the transaction the tracked changes are then saved in.
    /// </summary>
    public Task<int> SaveChangesAsync(Func<CancellationToken, Task> alongside, CancellationToken cancellationToken) =>
        WriteAsync(
            async token =>
            {
                await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(token) : null;
                await alongside(token);
                var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, token);
                if (transaction is not null) await transaction.CommitAsync(token);
                return saved;
            },
            cancellationToken);

    /// <summary>
    /// Every write goes through here: SaveChanges, and set-based writes (ExecuteUpdate) that bypass
    /// it, so a provider that must serialise writes can.
    /// </summary>
    public virtual Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        write(cancellationToken);

    /// <summary>
    /// The background's work on queued requests, whose commits need not each wait for the disk: what
    /// a lost commit resolved is resolved again. A provider whose flushes hold up every other
    /// writer can leave them to a later commit; by default the work runs as it is.
    /// </summary>
    public virtual Task<T> WithoutFlushingAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        work(cancellationToken);

    /// <summary>
    /// Work that reads and then writes on what it read, as if nothing else ran meanwhile. With one
    /// writer at a time (SQLite) and one processor per database, running it is enough; a shared
    /// server runs it in a serializable transaction and runs it again when another instance won.
    /// The work must start from an empty change tracker and may run more than once.
    /// </summary>
    public virtual Task<T> IsolatedAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ChangeTracker.Clear();
        return work(cancellationToken);
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
            request.Property(r => r.ClaimId).IsConcurrencyToken(); // a batch that outlived its claim leaves the request to its new holder
            request.HasIndex(r => r.ProcessedAt);
            request.HasIndex(r => r.ClaimId);
            request.HasIndex(r => new { r.UserId, r.Outcome, r.RequestedAt });
        });

        builder.Entity<ResetCode>(code =>
        {
            code.ToTable("ResetCodes");
            code.HasKey(c => c.RequestId);
            code.Property(c => c.RequestId).ValueGeneratedNever();
            code.Property(c => c.UserId).HasMaxLength(450);
            code.HasIndex(c => c.UserId);
            code.HasData(new ResetCode { RequestId = ResetCode.NoCodeId, ExpiresAt = new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc) });
        });

        builder.Entity<AccountRequest>(request =>
        {
            request.ToTable("AccountRequests");
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
