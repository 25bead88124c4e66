using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RazorReset.Infrastructure;

/// <summary>
/// S11: ASP.NET Core's own request logging writes the full URL, query string included, and the
/// emailed links carry their token there. Every logger the app creates goes through this filter,
/// which redacts token-bearing query parameters from the message and from structured values,
/// whatever provider (console, a test's capture, a log shipper) receives them.
/// </summary>
public sealed partial class RedactingLoggerFactory(
    IEnumerable<ILoggerProvider> providers,
    IOptionsMonitor<LoggerFilterOptions> filters,
    IOptions<LoggerFactoryOptions> options) : ILoggerFactory
{
    private readonly LoggerFactory _inner = new(providers, filters, options);

    public static void Register(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory, RedactingLoggerFactory>());

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(_inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    public void Dispose() => _inner.Dispose();

    internal static string Redact(string value) => SecretParameter().Replace(value, "$1[redacted]");

    internal static bool HasSecret(string? value) => value is not null && SecretParameter().IsMatch(value);

    [GeneratedRegex(@"((?:^|[?&;\s])(?:token|code|password|newpassword)=)[^&\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;

            var message = formatter(state, exception);
            var values = state as IReadOnlyList<KeyValuePair<string, object?>>;
            if (!HasSecret(message) && (values is null || !values.Any(v => HasSecret(v.Value as string))))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var redactedValues = (values ?? []).Select(v =>
                new KeyValuePair<string, object?>(v.Key, v.Value is string text ? Redact(text) : v.Value)).ToList();
            var redactedMessage = Redact(message);
            inner.Log(logLevel, eventId, redactedValues, exception, (_, _) => redactedMessage);
        }
    }
}
