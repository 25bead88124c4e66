using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace RazorReset.Api;

internal static class RequestValidation
{
    /// <summary>
    /// The request's data annotations, with errors keyed by the JSON field names a client sends
    /// (<c>email</c>, not <c>Email</c>) and each message once.
    /// </summary>
    public static bool TryValidate(object request, out Dictionary<string, string[]> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true);
        errors = results
            .SelectMany(result => result.MemberNames.Select(member => (Field: JsonNamingPolicy.CamelCase.ConvertName(member), Message: result.ErrorMessage ?? "")))
            .GroupBy(error => error.Field, error => error.Message)
            .ToDictionary(field => field.Key, field => field.Distinct().ToArray());
        return errors.Count == 0;
    }
}
