using GovPlatform.Modules;

[assembly: Module("GovPlatform.Home", "首页 Home page",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Site",
    Description = "The district's public home page: its name, grid levels, key figures and programmes.")]
