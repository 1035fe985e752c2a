using GovPlatform.Localization;

namespace GovPlatform.Contents;

/// <summary>One option of a choice field: the stored value and the text shown.</summary>
public sealed class ContentFieldOption
{
    /// <summary>The stored value (letters, digits, <c>-</c> and <c>_</c>).</summary>
    public string Value { get; set; } = "";

    /// <summary>The text shown.</summary>
    public BilingualText Text { get; set; }
}
