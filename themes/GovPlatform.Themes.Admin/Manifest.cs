using GovPlatform.Modules;
using GovPlatform.Themes;

[assembly: Module("GovPlatform.Themes.Admin", "管理后台主题 Admin theme",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Theme",
    Description = "The layout of a tenant's admin pages: a top bar, a side menu grouped by section and the content area.")]
[assembly: Feature("GovPlatform.Themes.Admin", "管理后台主题 Admin theme",
    Category = ThemeCategories.Admin,
    Description = "Lays out the /admin pages, for desktops and for the phones grid workers use.",
    AlwaysEnabled = false)]
