using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using RazorReset.Email;
using RazorReset.PasswordReset;

namespace RazorReset.Infrastructure;

public static class OptionsRegistration
{
    /// <summary>
    /// The repository keeps its development settings at the top level; load them as the
    /// environment-specific file, in the same place in the chain (before user secrets,
    /// environment variables and the command line).
    /// </summary>
    public static void AddSharedDevelopmentSettings(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()) return;

        var path = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, "..", "appsettings.Development.json"));
        var sources = builder.Configuration.Sources;
        var index = sources.ToList().FindLastIndex(s =>
            s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource json &&
            json.Path is "appsettings.json" or "appsettings.Development.json");
        var shared = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = path,
            Optional = true,
            ReloadOnChange = false,
        };
        shared.ResolveFileProvider();
        sources.Insert(index + 1, shared);
    }

    /// <summary>Every settings class is validated when the host starts: bad config stops start-up (O1).</summary>
    public static void AddAppOptions(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<AppOptions>(AppOptions.Section);
        builder.AddValidatedOptions<DataProtectionSettings>(DataProtectionSettings.Section);
        builder.AddValidatedOptions<RateLimitingOptions>(RateLimitingOptions.Section);
        builder.AddValidatedOptions<RedisOptions>(RedisOptions.Section);
        builder.AddValidatedOptions<PasswordResetOptions>(PasswordResetOptions.Section);
        builder.AddValidatedOptions<EmailOptions>(EmailOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<AppOptions>, AppOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<RateLimitingOptions>>(new ValidateOptions<RateLimitingOptions>(
            Options.DefaultName,
            limits => limits.KnownProxies.All(proxy => System.Net.IPAddress.TryParse(proxy, out _)),
            "RateLimiting:KnownProxies must hold IP addresses only."));
    }

    private static void AddValidatedOptions<T>(this WebApplicationBuilder builder, string section) where T : class
    {
        builder.Services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<T>>(new SectionAnnotationsValidator<T>(section));
    }
}

/// <summary>
/// Data annotations, reported by configuration key ("Email:Smtp:Port: …") so the start-up
/// error says exactly which setting to fix (O1).
/// </summary>
internal sealed class SectionAnnotationsValidator<T>(string section) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var problems = new List<string>();
        Collect(options, section, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Collect(object options, string path, List<string> problems)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        problems.AddRange(results.Select(r => $"{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));

        foreach (var property in options.GetType().GetProperties())
        {
            if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && !property.PropertyType.IsArray &&
                property.GetIndexParameters().Length == 0 && property.GetValue(options) is { } nested)
            {
                Collect(nested, $"{path}:{property.Name}", problems);
            }
        }
    }
}

/// <summary>S8: links are built from this URL only, so it must be trustworthy.</summary>
internal sealed class AppOptionsValidator(IHostEnvironment environment) : IValidateOptions<AppOptions>
{
    public ValidateOptionsResult Validate(string? name, AppOptions options)
    {
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return ValidateOptionsResult.Fail(
                $"App:PublicBaseUrl must be an absolute http(s) URL without query or fragment (got '{options.PublicBaseUrl}').");
        }

        if (!environment.IsDevelopment() && uri.Scheme != Uri.UriSchemeHttps)
        {
            return ValidateOptionsResult.Fail(
                $"App:PublicBaseUrl must use https outside Development (got '{options.PublicBaseUrl}').");
        }

        return ValidateOptionsResult.Success;
    }
}
