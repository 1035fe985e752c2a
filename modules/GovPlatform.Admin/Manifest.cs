using GovPlatform.Modules;

[assembly: Module("GovPlatform.Admin", "管理后台 Tenant admin",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Administration",
    Description = "The district's admin at /admin: dashboard, features, site settings and the audit log.")]
[assembly: Feature("GovPlatform.Admin", "管理后台 Tenant admin",
    Category = "Administration",
    AlwaysEnabled = true,
    Description = "Dashboard, features, site settings and audit log for the tenant's administrators.")]
