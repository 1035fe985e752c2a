using GovPlatform.Modules;

[assembly: Module("GovPlatform.Points", "积分制 Volunteer points",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Governance",
    Description = "网格化+积分制: volunteers and teams, activities with sign-up and check-in, point rules per grid level, a ledger that never loses or doubles a point, rewards and redemptions, honour rolls and reports.")]
[assembly: Feature("GovPlatform.Points", "积分制 Volunteer points",
    Dependencies = ["GovPlatform.Grid"],
    Description = "Volunteers earn points for activities under the rules of their township or village and redeem them for goods or honours; an append-only, idempotent ledger; honour rolls on the public site; monthly reports.")]
