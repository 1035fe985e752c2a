using System.Resources;
using Acme.Parking;
using GovPlatform.Modules;

[assembly: Module(ModuleInfo.Id, "Acme.Parking",
    Version = ModuleInfo.Version,
    Author = "Acme",
    Category = "Vendor",
    Description = "A vendor module: a public page, a JSON status endpoint, a permission and a table.")]
[assembly: Feature(ModuleInfo.Id, "Acme.Parking",
    Description = "The page at /acme-parking and the API at /api/acme-parking/status.")]

// The neutral resources (Components/*.resx) are Simplified Chinese; English is the *.en.resx satellite.
[assembly: NeutralResourcesLanguage("zh-CN")]
