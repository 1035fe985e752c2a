using GovPlatform.Localization;

namespace GovPlatform.Contents.Rendering;

/// <summary>
/// Checks a template's text before Fluid parses it. Fluid parses and evaluates nested blocks, nested brackets and
/// filter chains by recursion, and a text built to nest thousands deep overflows the stack, which ends the whole host
/// process. The check counts on the raw text, erring on the safe side (tags inside strings, raw and comment blocks are
/// counted too): block tags nested at most <see cref="MaxBlockDepth"/> deep, brackets within a tag at most
/// <see cref="MaxBracketDepth"/> deep, at most <see cref="MaxFilters"/> filters in a tag, and no <c>{% liquid %}</c>
/// tag (whose lines are tags without delimiters).
/// </summary>
internal static class LiquidShape
{
    public const int MaxBlockDepth = 30;
    public const int MaxBracketDepth = 10;
    public const int MaxFilters = 50;

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "if", "unless", "case", "for", "tablerow", "capture", "comment", "raw", "ifchanged",
    };

    /// <summary>Why the text's shape is refused, or null when it is within the limits.</summary>
    public static LiquidTemplateError? Check(string text)
    {
        var depth = 0;
        var i = 0;
        while ((i = text.IndexOf('{', i)) >= 0 && i + 1 < text.Length)
        {
            var kind = text[i + 1];
            if (kind is not ('{' or '%'))
            {
                i++;
                continue;
            }

            var end = text.IndexOf(kind == '{' ? "}}" : "%}", i + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                end = text.Length;
            }

            if (Inside(text, i, i + 2, end) is { } inside)
            {
                return inside;
            }

            if (kind == '%')
            {
                var name = TagName(text, i + 2, end);
                if (name == "liquid")
                {
                    return Error(text, i, new BilingualText("模板不能使用 {% liquid %} 标签，请把每个标签写成 {% … %}。", "Templates cannot use the {% liquid %} tag; write each tag as {% … %}."));
                }

                if (Blocks.Contains(name) && ++depth > MaxBlockDepth)
                {
                    return Error(text, i, new BilingualText($"块嵌套太深：最多 {MaxBlockDepth} 层。", $"Blocks are nested too deep: at most {MaxBlockDepth} levels."));
                }

                if (name.StartsWith("end", StringComparison.Ordinal) && Blocks.Contains(name[3..]))
                {
                    depth = Math.Max(0, depth - 1);
                }
            }

            i = end;
        }

        return null;
    }

    /// <summary>Checks the brackets and filters between <paramref name="start"/> and <paramref name="end"/>.</summary>
    private static LiquidTemplateError? Inside(string text, int tag, int start, int end)
    {
        var brackets = 0;
        var filters = 0;
        for (var j = start; j < end; j++)
        {
            switch (text[j])
            {
                case '[' or '(':
                    if (++brackets > MaxBracketDepth)
                    {
                        return Error(text, j, new BilingualText($"括号嵌套太深：最多 {MaxBracketDepth} 层。", $"Brackets are nested too deep: at most {MaxBracketDepth} levels."));
                    }

                    break;
                case ']' or ')':
                    brackets = Math.Max(0, brackets - 1);
                    break;
                case '|':
                    if (++filters > MaxFilters)
                    {
                        return Error(text, tag, new BilingualText($"一个标签里的过滤器太多：最多 {MaxFilters} 个。", $"Too many filters in one tag: at most {MaxFilters}."));
                    }

                    break;
            }
        }

        return null;
    }

    private static string TagName(string text, int start, int end)
    {
        var j = start;
        while (j < end && (text[j] == '-' || char.IsWhiteSpace(text[j])))
        {
            j++;
        }

        var first = j;
        while (j < end && (char.IsAsciiLetter(text[j]) || text[j] == '#'))
        {
            j++;
        }

        return text[first..j];
    }

    private static LiquidTemplateError Error(string text, int index, BilingualText message)
    {
        var line = 1;
        var lineStart = 0;
        for (var k = 0; k < index; k++)
        {
            if (text[k] == '\n')
            {
                line++;
                lineStart = k + 1;
            }
        }

        return new LiquidTemplateError(message, line, index - lineStart + 1);
    }
}
