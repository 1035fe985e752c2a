using GovPlatform.Modules;

[assembly: Module("GovPlatform.RedGrid", "党建红网格 Red-grid party building",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Governance",
    Description = "党建引领网格治理: party organisations on the grid (a branch in every grid, a group in every courtyard, member households), members and their community reporting, joint committees, resident units and the three lists, pairing, party-mass service centres, reports.")]
[assembly: Feature("GovPlatform.RedGrid", "党建红网格 Red-grid party building",
    Dependencies = ["GovPlatform.Grid"],
    Description = "一格一支部、一院一小组: branch coverage per grid level, members reporting to their communities, resident units' resources matched to community needs as projects, 双结对 help summed per year, service centres on the public map.")]
