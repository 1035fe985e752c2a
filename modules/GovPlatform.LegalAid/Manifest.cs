using GovPlatform.Modules;

[assembly: Module("GovPlatform.LegalAid", "公共法律服务 Legal aid stations",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Governance",
    Description = "公共法律服务: public legal service centres and legal aid workstations with a public directory and map, one legal adviser per community, appointments, consultations, legal aid applications, evening receptions by deputies, statistics.")]
[assembly: Feature("GovPlatform.LegalAid", "公共法律服务 Legal aid stations",
    Dependencies = ["GovPlatform.Grid"],
    Description = "Residents find the nearest legal service station, book their community's legal adviser, get advice and apply for legal aid; deputies and CPPCC members receive residents in the evening; staff keep the ledgers and statistics.")]
