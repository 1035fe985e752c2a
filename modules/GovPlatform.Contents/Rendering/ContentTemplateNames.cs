namespace GovPlatform.Contents.Rendering;

/// <summary>
/// The names of the content templates. Every name has a module default; a theme may bring any of them, and also
/// type-specific ones (<c>item-{Type}</c>, <c>summary-{Type}</c>, <c>list-{Type}</c>); a tenant may override the
/// type-specific ones in the admin.
/// </summary>
public static class ContentTemplateNames
{
    /// <summary>An item's page.</summary>
    public const string Item = "item";

    /// <summary>An item in a list.</summary>
    public const string Summary = "summary";

    /// <summary>A type's list page.</summary>
    public const string List = "list";

    /// <summary>The pager of a list.</summary>
    public const string Pager = "pager";

    /// <summary>Every generic name, in the order the admin shows them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Item, Summary, List, Pager,
        "part-title", "part-body", "part-publish", "part-owner", "part-grid", "part-location",
        "field-text", "field-number", "field-boolean", "field-datetime", "field-choice", "field-link", "field-media",
        "field-contentpicker", "field-gridpicker",
    ];

    /// <summary>The kinds of template a tenant overrides per type.</summary>
    public static IReadOnlyList<string> Overridable { get; } = [Item, Summary, List];

    /// <summary>The type-specific name: <c>item-PublicBenefitProject</c>.</summary>
    public static string For(string kind, string contentType) => $"{kind}-{contentType}";

    /// <summary>The template of a part: <c>part-title</c>.</summary>
    public static string Part(ContentPartKind kind) => "part-" + kind.ToString().ToLowerInvariant();

    /// <summary>The template of a field kind: <c>field-contentpicker</c>.</summary>
    public static string Field(ContentFieldKind kind) => "field-" + FieldKind(kind);

    /// <summary>A field kind as templates name it: <c>text</c>, <c>datetime</c>, <c>contentpicker</c>.</summary>
    public static string FieldKind(ContentFieldKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Splits a name a tenant may override (<c>list-Notice</c>) into its kind and content type.</summary>
    public static bool TryParseOverridable(string? name, out string kind, out string contentType)
    {
        kind = "";
        contentType = "";
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        var dash = name.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == name.Length - 1 || !Overridable.Contains(name[..dash], StringComparer.Ordinal))
        {
            return false;
        }

        var type = name[(dash + 1)..];
        if (!char.IsAsciiLetter(type[0]) || !type.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        kind = name[..dash];
        contentType = type;
        return true;
    }
}
