using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace RazorReset.Infrastructure;

/// <summary>
/// U2 on the few Identity UI pages still served from the library (two-factor sign-in, recovery
/// code, profile, delete account), whose precompiled views the app's tag helpers cannot reach: a
/// refused field gets aria-invalid, an aria-describedby to its own message, and the first one the
/// autofocus, exactly as FieldInputTagHelper does on the app's pages. It leaves every other page alone.
/// </summary>
public sealed class AccessibleHtmlGenerator(
    IAntiforgery antiforgery,
    IOptions<MvcViewOptions> optionsAccessor,
    IModelMetadataProvider metadataProvider,
    IUrlHelperFactory urlHelperFactory,
    HtmlEncoder htmlEncoder,
    ValidationHtmlAttributeProvider validationAttributeProvider)
    : DefaultHtmlGenerator(antiforgery, optionsAccessor, metadataProvider, urlHelperFactory, htmlEncoder, validationAttributeProvider)
{
    private static readonly object FocusTaken = new();

    /// <remarks>The base returns null for a valid field when client validation is off.</remarks>
    public override TagBuilder GenerateValidationMessage(
        ViewContext viewContext, ModelExplorer? modelExplorer, string? expression, string? message, string? tag, object? htmlAttributes)
    {
        var span = base.GenerateValidationMessage(viewContext, modelExplorer, expression, message, tag, htmlAttributes);
        if (!IsLibraryPage(viewContext)) return span!;
        span?.Attributes.TryAdd("id", ErrorId(viewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(expression)));
        return span!;
    }

    protected override TagBuilder GenerateInput(
        ViewContext viewContext, InputType inputType, ModelExplorer modelExplorer, string expression, object? value,
        bool useViewData, bool isChecked, bool setId, bool isExplicitValue, string? format, IDictionary<string, object?>? htmlAttributes)
    {
        var input = base.GenerateInput(viewContext, inputType, modelExplorer, expression, value, useViewData, isChecked, setId, isExplicitValue, format, htmlAttributes);
        var fullName = viewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(expression);
        if (!IsLibraryPage(viewContext) || inputType == InputType.Hidden || viewContext.ViewData.ModelState.GetFieldValidationState(fullName) != ModelValidationState.Invalid)
        {
            return input;
        }

        input.Attributes.TryAdd("aria-invalid", "true");
        if (inputType is not (InputType.CheckBox or InputType.Radio)) // text fields have a message beside them; boxes seldom do
        {
            input.Attributes.TryAdd("aria-describedby", ErrorId(fullName));
        }
        if (viewContext.HttpContext.Items.TryAdd(FocusTaken, true))
        {
            input.Attributes.TryAdd("autofocus", "autofocus");
        }

        return input;
    }

    private static string ErrorId(string fullName) => TagBuilder.CreateSanitizedId(fullName, "_") + "-error";

    private static bool IsLibraryPage(ViewContext viewContext) =>
        viewContext.ActionDescriptor is CompiledPageActionDescriptor { ModelTypeInfo.Namespace: { } model } &&
        model.StartsWith("Microsoft.AspNetCore.Identity.UI", StringComparison.Ordinal);
}
