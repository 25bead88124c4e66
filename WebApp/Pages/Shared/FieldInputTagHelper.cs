using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace RazorReset.Pages;

/// <summary>
/// U2, one way on every form: a field the server refused gets aria-invalid and aria-describedby
/// pointing at its own message (<see cref="FieldErrorTagHelper"/>), and the first refused field
/// takes the page's autofocus, so the error is announced and reached without JavaScript.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
public sealed class FieldInputTagHelper : TagHelper
{
    private static readonly object FocusTaken = new();

    // After the framework's InputTagHelper (-1000), which writes the id and name.
    public override int Order => 100;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = default!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var modelState = ViewContext.ViewData.ModelState;
        var fullName = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (output.Attributes["type"]?.Value?.ToString() == "hidden") return;
        if (!modelState.Any(entry => entry.Key.Length > 0 && entry.Value?.ValidationState == ModelValidationState.Invalid)) return;

        output.Attributes.RemoveAll("autofocus");
        if (modelState.GetFieldValidationState(fullName) != ModelValidationState.Invalid) return;

        output.Attributes.SetAttribute("aria-invalid", "true");
        var errorId = FieldErrorTagHelper.ErrorId(fullName);
        var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
        if (describedBy is null || !describedBy.Split(' ').Contains(errorId))
        {
            output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? errorId : $"{describedBy} {errorId}");
        }

        if (ViewContext.HttpContext.Items.TryAdd(FocusTaken, true))
        {
            output.Attributes.SetAttribute("autofocus", "autofocus");
        }
    }
}
