using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using RazorReset.Infrastructure;

namespace RazorReset.Data;

public static class KeyRingRegistration
{
    /// <summary>
    /// S12: the key ring outlives restarts and, in the database, is one ring for every instance on
    /// it, so a link mailed by one opens on another. This is what <c>PersistKeysToDbContext</c>
    /// sets up, chosen when the options are first read so a test host's settings count.
    /// </summary>
    public static void AddKeyRing(this IServiceCollection services) =>
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<DataProtectionSettings>, IOptions<DatabaseOptions>, IHostEnvironment, ILoggerFactory, IServiceProvider>(
                (options, settings, database, host, loggers, provider) => options.XmlRepository =
                    StoreOf(settings.Value, database.Value) == KeyStore.Database
                        ? new EntityFrameworkCoreXmlRepository<AppDbContext>(provider, loggers)
                        : new FileSystemXmlRepository(
                            new DirectoryInfo(Path.GetFullPath(Path.Combine(host.ContentRootPath, settings.Value.KeysPath))), loggers));

    public static KeyStore StoreOf(DataProtectionSettings settings, DatabaseOptions database) =>
        settings.KeyStore ?? (database.Provider == DatabaseProvider.PostgreSQL ? KeyStore.Database : KeyStore.FileSystem);
}
