using GovPlatform.Modules;

[assembly: Module("GovPlatform.Tenants", "租户管理 Tenant management",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Host",
    Description = "The host's landing page listing the districts, and the host management API.")]
[assembly: Feature("GovPlatform.Tenants", "租户管理 Tenant management",
    Category = "Host",
    Description = "Landing page at / and the host API at /api/tenants, for host administrators.",
    DefaultTenantOnly = true)]
