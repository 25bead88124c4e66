using Microsoft.EntityFrameworkCore;

namespace RazorReset.Data;

/// <summary>The embedded database (the default): one writer at a time, so writes queue at the gate.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, DatabaseWriteGate writeGate)
    : AppDbContext(options)
{
    public override bool CommitsOneWriterAtATime => true;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using (writeGate.Enter())
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
    }

    public override async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        using (await writeGate.EnterAsync(cancellationToken))
        {
            return await write(cancellationToken);
        }
    }
}
