using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace RazorReset.Infrastructure;

/// <summary>D4: where several instances keep one per-IP budget. Unset, each instance counts alone.</summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis.internal:6379,password=…,ssl=true</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Starts every rate-limit key, so apps sharing one Redis server keep their budgets apart.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string KeyPrefix { get; set; } = "razorreset";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured) yield break;

        string? problem = null;
        try
        {
            if (ConfigurationOptions.Parse(Configuration!).EndPoints.Count == 0) problem = "names no server";
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
        }

        if (problem is not null)
        {
            // The string may hold a password: say what is wrong, never echo it.
            yield return new ValidationResult($"is not a usable Redis configuration string ({problem}).", [nameof(Configuration)]);
        }
    }
}
