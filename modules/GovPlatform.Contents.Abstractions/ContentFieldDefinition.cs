using GovPlatform.Localization;

namespace GovPlatform.Contents;

/// <summary>A field of a content type with its settings (only those that apply to its kind are read).</summary>
public sealed class ContentFieldDefinition
{
    /// <summary>The field's name in data and templates: a letter, then letters, digits or <c>_</c> (<c>budget</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>What kind of value it holds.</summary>
    public ContentFieldKind Kind { get; set; }

    /// <summary>The label shown.</summary>
    public BilingualText DisplayName { get; set; }

    /// <summary>Help shown under the input.</summary>
    public BilingualText? Hint { get; set; }

    /// <summary>Whether a value must be given.</summary>
    public bool Required { get; set; }

    /// <summary>Text: several lines. </summary>
    public bool Multiline { get; set; }

    /// <summary>Text: the least number of characters.</summary>
    public int? MinLength { get; set; }

    /// <summary>Text: the most characters (default 2,000 for one line, 20,000 for several).</summary>
    public int? MaxLength { get; set; }

    /// <summary>Text: a regular expression the value must match.</summary>
    public string? Pattern { get; set; }

    /// <summary>Number: the least value.</summary>
    public decimal? Minimum { get; set; }

    /// <summary>Number: the greatest value.</summary>
    public decimal? Maximum { get; set; }

    /// <summary>Number: the digits allowed after the decimal point (default 2).</summary>
    public int? Decimals { get; set; }

    /// <summary>Number: the unit shown after the value (<c>元</c>, <c>人</c>).</summary>
    public BilingualText? Unit { get; set; }

    /// <summary>Date and time: whether the time of day is asked too (else a date).</summary>
    public bool WithTime { get; set; }

    /// <summary>Choice, media, content and grid pickers: whether several values may be chosen.</summary>
    public bool Multiple { get; set; }

    /// <summary>Choice, media, content and grid pickers: the most values when <see cref="Multiple"/>.</summary>
    public int? MaxItems { get; set; }

    /// <summary>Choice: the options offered.</summary>
    public List<ContentFieldOption> Options { get; set; } = [];

    /// <summary>Media: what may be chosen.</summary>
    public MediaKind MediaKind { get; set; } = MediaKind.Images;

    /// <summary>Content picker: the content types that may be picked (empty: any).</summary>
    public List<string> ContentTypes { get; set; } = [];

    /// <summary>The label in the reader's language.</summary>
    public string Label(System.Globalization.CultureInfo culture) => DisplayName.For(culture) is { Length: > 0 } text ? text : Name;
}
