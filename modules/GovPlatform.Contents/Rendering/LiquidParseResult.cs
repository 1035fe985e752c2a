using Fluid;

namespace GovPlatform.Contents.Rendering;

/// <summary>A template's text parsed once for the host: the template, or why it was refused.</summary>
public sealed class LiquidParseResult
{
    private LiquidParseResult(IFluidTemplate? template, LiquidTemplateError? error)
    {
        Template = template;
        Error = error;
    }

    /// <summary>The parsed template (sandboxed: bounded ranges, no include or render), or null when refused.</summary>
    public IFluidTemplate? Template { get; }

    /// <summary>Why the text was refused, or null.</summary>
    public LiquidTemplateError? Error { get; }

    /// <summary>Whether the text parsed.</summary>
    public bool Succeeded => Template is not null;

    internal static LiquidParseResult Success(IFluidTemplate template) => new(template, null);

    internal static LiquidParseResult Failure(LiquidTemplateError error) => new(null, error);
}
