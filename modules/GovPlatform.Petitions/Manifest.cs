using GovPlatform.Modules;

[assembly: Module("GovPlatform.Petitions", "诉求大厅 Petitions hall",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Governance",
    Description = "One front desk for every demand: citizens online, visitors at the reception hall and grid workers in the field; the nine-step closed loop with deadlines on the working-time calendar, escalation, supervision, the citizen's rating, the ledger and its statistics.")]
[assembly: Feature("GovPlatform.Petitions", "诉求大厅 Petitions hall",
    Dependencies = ["GovPlatform.Grid"],
    Description = "Petitions through the nine-step closed loop: intake on three channels, the duty list of categories, routing, escalation, deadlines and supervision, tracking and rating by the citizen, the ledger and its export, and the JSON API.")]
