namespace GovPlatform.Admin.Services;

/// <summary>The site settings form, as posted (a list missing from the post binds as null: the getters make it empty).</summary>
public sealed class SettingsForm
{
    public string? NameChinese { get; set; }

    public string? NameEnglish { get; set; }

    public string? Theme { get; set; }

    public string? Culture { get; set; }

    public string? TimeZone { get; set; }

    /// <summary>The names of the feature flags that are checked.</summary>
    public List<string> Flags { get => field ??= []; set; } = [];

    /// <summary>Every flag listed on the form (checked or not), so that an unchecked box turns its flag off.</summary>
    public List<string> KnownFlags { get => field ??= []; set; } = [];

    /// <summary>Take the current logo away.</summary>
    public bool RemoveLogo { get; set; }

    /// <summary>A new flag to add, switched on.</summary>
    public string? NewFlag { get; set; }
}
