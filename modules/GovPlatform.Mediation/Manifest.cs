using GovPlatform.Modules;

[assembly: Module("GovPlatform.Mediation", "矛盾纠纷调解 Mediation",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Governance",
    Description = "Dispute mediation: mediation bodies and their mediators, the dispute ledger, half-monthly screening sweeps, sessions in person or online (cloud mediation), escalation, statistics and the ledger's export.")]
[assembly: Feature("GovPlatform.Mediation", "矛盾纠纷调解 Mediation",
    Dependencies = ["GovPlatform.Grid"],
    Description = "People's mediation committees, 五老 studios, named rooms and 警评治 stations on the grid; the dispute ledger with parties visible only to their mediators and superiors; screening campaigns with compliance flags; sessions and reminders; escalation; settlement statistics. Takes petitions sent to the mediation room when the petitions hall is on.")]
