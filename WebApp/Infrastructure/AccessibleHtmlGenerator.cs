using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace RazorReset.Infrastructure;

/// <summary>
/// U2 for every form, Identity UI's precompiled pages included: a field the server refused gets
/// aria-invalid and an aria-describedby pointing at its own error message, and on Identity UI's
/// pages the first such field gets autofocus, so the error is announced and reached without
/// JavaScript. The app's own pages write these attributes themselves; attributes written in a
/// view win over the ones generated here.
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
        span?.Attributes.TryAdd("id", ErrorId(viewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(expression)));
        return span!;
    }

    protected override TagBuilder GenerateInput(
        ViewContext viewContext, InputType inputType, ModelExplorer modelExplorer, string expression, object? value,
        bool useViewData, bool isChecked, bool setId, bool isExplicitValue, string? format, IDictionary<string, object?>? htmlAttributes)
    {
        var input = base.GenerateInput(viewContext, inputType, modelExplorer, expression, value, useViewData, isChecked, setId, isExplicitValue, format, htmlAttributes);
        var fullName = viewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(expression);
        if (inputType == InputType.Hidden || viewContext.ViewData.ModelState.GetFieldValidationState(fullName) != ModelValidationState.Invalid)
        {
            return input;
        }

        input.Attributes.TryAdd("aria-invalid", "true");
        if (inputType is not (InputType.CheckBox or InputType.Radio)) // text fields have a message beside them; boxes seldom do
        {
            input.Attributes.TryAdd("aria-describedby", ErrorId(fullName));
        }
        if (IsIdentityUiPage(viewContext) && viewContext.HttpContext.Items.TryAdd(FocusTaken, true))
        {
            input.Attributes.TryAdd("autofocus", "autofocus");
        }

        return input;
    }

    private static string ErrorId(string fullName) => TagBuilder.CreateSanitizedId(fullName, "_") + "-error";

    private static bool IsIdentityUiPage(ViewContext viewContext) =>
        viewContext.RouteData.Values.TryGetValue("area", out var area) && area is "Identity";
}
