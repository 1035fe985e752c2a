using GovPlatform.Modules;

[assembly: Module("GovPlatform.Themes.Civic", "政务蓝主题 Civic theme",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Theme",
    Description = "The default public theme: a calm civic blue and grey layout for a district's site.")]
[assembly: Feature("GovPlatform.Themes.Civic", "政务蓝主题 Civic theme",
    Category = "Theme",
    Description = "Lays out the public site in civic blue and grey; the theme of every tenant that names no other.",
    AlwaysEnabled = false)]
