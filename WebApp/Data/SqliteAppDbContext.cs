using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace RazorReset.Data;

/// <summary>The embedded database (the default): one writer at a time, so writes queue at the gate.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    /// <summary>The process's one gate, from the app's services: a pooled context is made from its options alone.</summary>
    private DatabaseWriteGate WriteGate => field ??= this.GetService<DatabaseWriteGate>();

    public override bool CommitsOneWriterAtATime => true;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using (WriteGate.Enter())
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
    }

    public override async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        using (await WriteGate.EnterAsync(cancellationToken))
        {
            return await write(cancellationToken);
        }
    }
}
