using Fluid;
using Fluid.Ast;
using Fluid.Values;
using GovPlatform.Localization;

namespace GovPlatform.Contents.Rendering;

/// <summary>
/// Rewrites a parsed template for the sandbox: notes any <c>include</c> or <c>render</c> (refused: templates read no
/// files) and replaces ranges with ones that refuse more than <see cref="LiquidSandbox.MaxRangeLength"/> numbers (Fluid
/// builds a range's numbers in memory before any step is counted).
/// </summary>
internal sealed class SandboxRewriter : AstRewriter
{
    /// <summary>The first file tag found (<c>include</c> or <c>render</c>), or null.</summary>
    public string? FileTag { get; private set; }

    protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
    {
        FileTag ??= "include";
        return base.VisitIncludeStatement(includeStatement);
    }

    protected override Statement VisitRenderStatement(RenderStatement renderStatement)
    {
        FileTag ??= "render";
        return base.VisitRenderStatement(renderStatement);
    }

    protected override Expression VisitRangeExpression(RangeExpression rangeExpression) =>
        base.VisitRangeExpression(rangeExpression) is RangeExpression visited ? new BoundedRangeExpression(visited) : rangeExpression;

    /// <summary>A range that checks its length before Fluid builds it.</summary>
    private sealed class BoundedRangeExpression(RangeExpression range) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var from = (await range.From.EvaluateAsync(context)).ToNumberValue();
            var to = (await range.To.EvaluateAsync(context)).ToNumberValue();
            if (Math.Abs(to - from) >= LiquidSandbox.MaxRangeLength)
            {
                throw new LiquidTemplateException(new LiquidTemplateError(new BilingualText(
                    $"范围过大：一个范围最多 {LiquidSandbox.MaxRangeLength:N0} 个数。",
                    $"The range is too large: at most {LiquidSandbox.MaxRangeLength:N0} numbers.")));
            }

            return await range.EvaluateAsync(context);
        }
    }
}
