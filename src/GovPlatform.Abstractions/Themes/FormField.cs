using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace GovPlatform.Themes;

/// <summary>
/// A labelled form field with its hint and its error, in the markup every theme styles (<c>gp-field</c>,
/// <c>gp-hint</c>, <c>gp-field-error</c>): <c>&lt;FormField Label="…" For="Name" Errors="errors"&gt;&lt;input id="Name" …/&gt;&lt;/FormField&gt;</c>.
/// </summary>
public sealed class FormField : ComponentBase
{
    /// <summary>The label text.</summary>
    [Parameter, EditorRequired]
    public string Label { get; set; } = "";

    /// <summary>The id of the input inside, which is also the key of its error.</summary>
    [Parameter, EditorRequired]
    public string For { get; set; } = "";

    /// <summary>A hint shown under the input.</summary>
    [Parameter]
    public string? Hint { get; set; }

    /// <summary>Errors of the whole form, by field.</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string>? Errors { get; set; }

    /// <summary>The input.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string? error = null;
        var hasError = Errors is not null && Errors.TryGetValue(For, out error);
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", hasError ? "gp-field has-error" : "gp-field");
        builder.OpenElement(2, "label");
        builder.AddAttribute(3, "for", For);
        builder.AddContent(4, Label);
        builder.CloseElement();
        builder.AddContent(5, ChildContent);
        if (Hint is not null)
        {
            builder.OpenElement(6, "p");
            builder.AddAttribute(7, "class", "gp-hint");
            builder.AddContent(8, Hint);
            builder.CloseElement();
        }

        if (hasError)
        {
            builder.OpenElement(9, "p");
            builder.AddAttribute(10, "class", "gp-field-error");
            builder.AddAttribute(11, "id", For + "-error");
            builder.AddContent(12, error);
            builder.CloseElement();
        }

        builder.CloseElement();
    }
}
