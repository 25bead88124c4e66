using Microsoft.AspNetCore.Http.Features;

namespace RazorReset.Infrastructure;

/// <summary>
/// The page forms are small (an address, two passwords, an antiforgery token), so what a page
/// accepts is small too. Everything beyond these is refused with 400/413/415 before a page runs.
/// </summary>
public static class FormLimits
{
    public const long MaxBodyBytes = 16 * 1024;
    public const int MaxFields = 32;
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 4 * 1024;

    public static void AddFormLimits(this IServiceCollection services) =>
        services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = MaxFields;
            form.KeyLengthLimit = MaxKeyLength;
            form.ValueLengthLimit = MaxValueLength;
            form.MultipartBodyLengthLimit = MaxBodyBytes;
            form.BufferBodyLengthLimit = MaxBodyBytes;
        });
}
