using GovPlatform.Localization;
using GovPlatform.Security;

namespace GovPlatform.Navigation;

/// <summary>A link in one of the tenant's menus.</summary>
/// <param name="Text">The link text.</param>
/// <param name="Path">Path inside the tenant, without its prefix: <c>admin/features</c>. The menu adds the tenant's base path.</param>
/// <param name="Section">The heading it is listed under; items of several modules may share one.</param>
/// <param name="Permission">Shown only to users holding it; null: shown to everyone who sees the menu.</param>
/// <param name="Position">Order within its section, lowest first.</param>
public sealed record NavigationItem(BilingualText Text, string Path, BilingualText Section, Permission? Permission = null, int Position = 0);
