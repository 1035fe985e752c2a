using GovPlatform.Modules;

[assembly: Module("GovPlatform.Grid", "网格 Grid",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Governance",
    Description = "The tenant's grid: its levels, units with boundaries, leaders and workers, the rules they keep, import and export, and the queries other modules hang their records on.")]
[assembly: Feature("GovPlatform.Grid", "网格 Grid",
    Description = "Grid levels and units, boundaries and rules, grid leaders and workers, scope of staff users, and the public \"find my grid\" page.")]
