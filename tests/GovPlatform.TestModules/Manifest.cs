using GovPlatform.Modules;

// Features that only the tests enable: they exercise the host through the same SDK a vendor uses.
[assembly: Module("GovPlatform.TestModules", "Test modules", Version = "1.0.0", Category = "Tests")]
[assembly: Feature("Test.Echo", "Echo", Description = "Echoes the tenant and one of its settings.")]
[assembly: Feature("Test.Faulty", "Faulty", Description = "Throws in ConfigureServices.")]
[assembly: Feature("Test.Base", "Base")]
[assembly: Feature("Test.Middle", "Middle", Dependencies = ["Test.Base"])]
[assembly: Feature("Test.Top", "Top", Dependencies = ["Test.Middle"])]
[assembly: Feature("Test.HostOnly", "Host only", DefaultTenantOnly = true)]
[assembly: Feature("Test.Always", "Always", AlwaysEnabled = true)]
[assembly: Feature("Test.Events", "Events", Description = "Records feature events.")]
[assembly: Feature("Test.Seeder", "Seeder", Description = "Provides the 'test-seed' recipe step.")]
[assembly: Feature("Test.Notes", "Notes", Description = "Entities, documents and indexes on the tenant's database, with two migrations.")]
[assembly: Feature("Test.BrokenMigration", "Broken migration", Description = "Its second migration fails.")]
[assembly: Feature("Test.NeedsBroken", "Needs broken", Dependencies = ["Test.BrokenMigration"])]
[assembly: Feature("Test.SlowMigration", "Slow migration", Description = "Its migration takes a while and counts its runs.")]
[assembly: Feature("Test.Pages", "Pages", Description = "A public and an admin page in the tenant's themes, menu items, and sign-in by an X-Test-User header.")]
[assembly: Feature("Test.Platform", "Platform services", Description = "Endpoints over the platform's per-tenant services: audit log, rate limits, data protection, menus, layouts.")]
