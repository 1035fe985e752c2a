namespace GovPlatform.Themes;

/// <summary>The feature categories of theme modules: how the admin's theme pickers tell public themes from admin themes.</summary>
public static class ThemeCategories
{
    /// <summary>A public site theme.</summary>
    public const string Site = "Theme";

    /// <summary>An admin theme.</summary>
    public const string Admin = "Admin theme";
}
