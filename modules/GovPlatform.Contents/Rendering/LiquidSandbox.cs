using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using GovPlatform.Localization;
using Microsoft.Extensions.FileProviders;

namespace GovPlatform.Contents.Rendering;

/// <summary>
/// The one set of Liquid options for the host and the limits every render runs under. Templates see only the values
/// they are given (dictionaries, lists, strings, numbers, dates built by the renderer): no CLR member is reachable, no
/// file can be included, loops and recursion are bounded, and so are the output and the values a template builds.
/// Output is HTML-encoded unless a template writes <c>| raw</c>.
/// </summary>
internal static class LiquidSandbox
{
    /// <summary>Statements one render may execute (Fluid counts every statement and every loop iteration).</summary>
    public const int MaxSteps = 100_000;

    /// <summary>How deep loops may nest (Fluid counts the scopes of <c>for</c> loops; <see cref="LiquidShape"/> bounds other blocks).</summary>
    public const int MaxRecursion = 20;

    /// <summary>The most numbers a range (<c>(1..n)</c>) may hold.</summary>
    public const int MaxRangeLength = 10_000;

    /// <summary>The longest output of one render, in characters.</summary>
    public const int MaxOutputLength = 2_000_000;

    /// <summary>The longest string a template may assign or capture.</summary>
    public const int MaxValueLength = 200_000;

    /// <summary>The most items an array a template assigns may hold.</summary>
    public const int MaxArrayLength = 10_000;

    /// <summary>Encodes what templates write, as the host's Razor pages do: markup characters, not Chinese text.</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The host's options, shared by every render (they hold no tenant data).</summary>
    public static TemplateOptions Options { get; } = CreateOptions();

    /// <summary>A context for one render, in the reader's culture and the tenant's time zone.</summary>
    public static TemplateContext CreateContext(CultureInfo culture, TimeZoneInfo timeZone) =>
        new(Options) { CultureInfo = culture, TimeZone = timeZone };

    /// <summary>Renders <paramref name="template"/> with <paramref name="context"/>; every failure is a <see cref="LiquidTemplateException"/>.</summary>
    public static async Task<string> RenderAsync(IFluidTemplate template, TemplateContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var writer = new BoundedWriter();
        try
        {
            await template.RenderAsync(writer, Encoder, context);
        }
        catch (LiquidTemplateException)
        {
            throw;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase))
        {
            // Fluid reports the step limit and the recursion limit with the same message.
            throw new LiquidTemplateException(new LiquidTemplateError(new BilingualText(
                $"模板超出执行限制：最多执行 {MaxSteps:N0} 步（循环太多或没有尽头），循环最多嵌套 {MaxRecursion} 层。",
                $"The template went over its limits: at most {MaxSteps:N0} steps (too many or endless loops) and loops nested {MaxRecursion} deep.")), e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new LiquidTemplateException(new LiquidTemplateError(new BilingualText($"模板运行出错：{e.Message}", $"The template failed: {e.Message}")), e);
        }

        return writer.ToString();
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            // Fluid's default is already a NullFileProvider; set it so that no change of default can open files.
            FileProvider = new NullFileProvider(),
            MemberAccessStrategy = new NoMemberAccessStrategy(),
            MaxSteps = MaxSteps,
            MaxRecursion = MaxRecursion,
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            Assigned = (_, value, _) => new ValueTask<FluidValue>(Bounded(value)),
            Captured = (_, value, _) => new ValueTask<FluidValue>(Bounded(value)),
        };
        options.Filters.AddFilter("t", Translate);
        return options;
    }

    /// <summary><c>{{ "更多" | t: "More" }}</c>: the argument when the reader's language is English, else the input.</summary>
    private static ValueTask<FluidValue> Translate(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var english = arguments.At(0);
        return context.CultureInfo.TwoLetterISOLanguageName == "en" && !english.IsNil() && english.ToStringValue().Length > 0
            ? new ValueTask<FluidValue>(new StringValue(english.ToStringValue()))
            : new ValueTask<FluidValue>(input);
    }

    private static FluidValue Bounded(FluidValue value)
    {
        switch (value)
        {
            case StringValue when value.ToStringValue().Length > MaxValueLength:
                throw TooLarge();
            case ArrayValue array when array.Values.Count > MaxArrayLength:
                throw TooLarge();
            default:
                return value;
        }
    }

    private static LiquidTemplateException TooLarge() => new(new LiquidTemplateError(new BilingualText(
        $"模板生成的值过大：字符串最多 {MaxValueLength:N0} 个字符，数组最多 {MaxArrayLength:N0} 项。",
        $"A value the template builds is too large: strings hold at most {MaxValueLength:N0} characters, arrays {MaxArrayLength:N0} items.")));

    /// <summary>Exposes no CLR member: templates reach only dictionary keys and the built-in <c>size</c>, <c>first</c>, <c>last</c>.</summary>
    private sealed class NoMemberAccessStrategy : MemberAccessStrategy
    {
        public override IMemberAccessor? GetAccessor(Type type, string name) => null;

        public override void Register(Type type, IEnumerable<KeyValuePair<string, IMemberAccessor>> accessors) =>
            throw new InvalidOperationException("Liquid templates of the contents module expose no CLR members.");
    }

    /// <summary>A string writer that refuses to grow past <see cref="MaxOutputLength"/>.</summary>
    private sealed class BoundedWriter() : StringWriter(CultureInfo.InvariantCulture)
    {
        public override void Write(char value)
        {
            Check(1);
            base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Check(count);
            base.Write(buffer, index, count);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Check(buffer.Length);
            base.Write(buffer);
        }

        public override void Write(string? value)
        {
            Check(value?.Length ?? 0);
            base.Write(value);
        }

        public override void Write(StringBuilder? value)
        {
            Check(value?.Length ?? 0);
            base.Write(value);
        }

        public override Task WriteAsync(char value)
        {
            Check(1);
            return base.WriteAsync(value);
        }

        public override Task WriteAsync(string? value)
        {
            Check(value?.Length ?? 0);
            return base.WriteAsync(value);
        }

        public override Task WriteAsync(char[] buffer, int index, int count)
        {
            Check(count);
            return base.WriteAsync(buffer, index, count);
        }

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            Check(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(StringBuilder? value, CancellationToken cancellationToken = default)
        {
            Check(value?.Length ?? 0);
            return base.WriteAsync(value, cancellationToken);
        }

        private void Check(int count)
        {
            if (GetStringBuilder().Length + (long)count > MaxOutputLength)
            {
                throw new LiquidTemplateException(new LiquidTemplateError(new BilingualText(
                    $"模板输出过长：最多 {MaxOutputLength:N0} 个字符。", $"The template's output is too long: at most {MaxOutputLength:N0} characters.")));
            }
        }
    }
}
