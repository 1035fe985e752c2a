using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using GovPlatform.Localization;

namespace GovPlatform.Contents.Rendering;

/// <summary>
/// Parsed Liquid templates for the whole host, keyed by their text: a template is parsed once per host, not per request
/// nor per tenant (a parsed template holds no tenant data; tenants' data only enters through the values it is rendered
/// with). One <see cref="FluidParser"/> serves the host. The cache is bounded: past its capacity the least recently
/// used quarter is evicted. Parsing sandboxes the template: a text nested too deep for Fluid's recursive parser is
/// refused before it is parsed (<see cref="LiquidShape"/>), <c>include</c> and <c>render</c> are refused (templates
/// cannot read files), and ranges (<c>(1..n)</c>) are bounded so that a loop cannot allocate without limit.
/// </summary>
public sealed partial class LiquidTemplateCache
{
    /// <summary>Templates kept by <see cref="Shared"/>.</summary>
    public const int DefaultCapacity = 2000;

    /// <summary>The longest template text accepted, in characters.</summary>
    public const int MaxTemplateLength = 100_000;

    private static readonly FluidParser Parser = new();

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();
    private readonly int _capacity;
    private long _clock;
    private long _parses;

    internal LiquidTemplateCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>The host's cache.</summary>
    public static LiquidTemplateCache Shared { get; } = new(DefaultCapacity);

    /// <summary>How many texts are cached.</summary>
    public int Count => _entries.Count;

    /// <summary>How many texts this cache has parsed since it was made.</summary>
    public long ParseCount => Interlocked.Read(ref _parses);

    /// <summary>The parsed template of <paramref name="text"/> (or why it was refused), parsed on first use.</summary>
    public LiquidParseResult Get(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entry = _entries.GetOrAdd(text, static (key, cache) => new Entry(new Lazy<LiquidParseResult>(() => cache.Parse(key))), this);
        Volatile.Write(ref entry.LastUsed, Interlocked.Increment(ref _clock));
        if (_entries.Count > _capacity)
        {
            Evict();
        }

        return entry.Result.Value;
    }

    private void Evict()
    {
        lock (_evicting)
        {
            if (_entries.Count <= _capacity)
            {
                return;
            }

            var oldest = _entries.OrderBy(e => Volatile.Read(ref e.Value.LastUsed)).Take(Math.Max(1, _entries.Count - (_capacity * 3 / 4))).Select(e => e.Key).ToList();
            foreach (var key in oldest)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private LiquidParseResult Parse(string text)
    {
        Interlocked.Increment(ref _parses);
        if (text.Length > MaxTemplateLength)
        {
            return LiquidParseResult.Failure(new LiquidTemplateError(new BilingualText(
                $"模板过长：最多 {MaxTemplateLength:N0} 个字符。", $"The template is too long: at most {MaxTemplateLength:N0} characters.")));
        }

        if (LiquidShape.Check(text) is { } shape)
        {
            return LiquidParseResult.Failure(shape);
        }

        if (!Parser.TryParse(text, out var template, out var message))
        {
            return LiquidParseResult.Failure(SyntaxError(message));
        }

        var sandbox = new SandboxRewriter();
        template = sandbox.VisitTemplate(template);
        if (sandbox.FileTag is { } tag)
        {
            var match = FileTagPattern().Match(text);
            var (line, column) = match.Success ? Position(text, match.Index) : (null, null);
            return LiquidParseResult.Failure(new LiquidTemplateError(new BilingualText(
                $"模板不能使用 {{% {tag} %}}：模板不能读取文件，请把内容直接写在模板里。",
                $"Templates cannot use {{% {tag} %}}: they cannot read files; write the content into the template."), line, column));
        }

        return LiquidParseResult.Success(template);
    }

    /// <summary>Fluid's message (<c>Invalid 'if' tag at (2:6)\nSource:…</c>) as an error with its line and column.</summary>
    private static LiquidTemplateError SyntaxError(string? message)
    {
        var first = (message ?? "").Split('\n')[0].Trim();
        var match = PositionPattern().Match(first);
        if (match.Success)
        {
            var detail = first[..match.Index].Trim();
            return new LiquidTemplateError(
                new BilingualText($"语法错误（{detail}）。", $"Syntax error ({detail})."),
                int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture));
        }

        return new LiquidTemplateError(new BilingualText($"语法错误（{first}）。", $"Syntax error ({first})."));
    }

    private static (int? Line, int? Column) Position(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    [GeneratedRegex(@"\s*at \((?<line>\d+):(?<column>\d+)\)\s*$")]
    private static partial Regex PositionPattern();

    [GeneratedRegex(@"\{%-?\s*(include|render)\b")]
    private static partial Regex FileTagPattern();

    private sealed class Entry(Lazy<LiquidParseResult> result)
    {
        public long LastUsed;

        public Lazy<LiquidParseResult> Result { get; } = result;
    }
}
