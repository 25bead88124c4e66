using Microsoft.EntityFrameworkCore;

namespace RazorReset.Data;

/// <summary>A shared server database, for several instances (<c>Database:Provider</c> = <c>PostgreSQL</c>).</summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options);
