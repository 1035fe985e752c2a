using GovPlatform.Modules;

[assembly: Module("GovPlatform.Identity", "用户与权限 Users and permissions",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Security",
    Description = "The tenant's users, roles and permissions: sign-in, registration, password reset, and the admin pages for users and roles.")]
[assembly: Feature("GovPlatform.Identity", "用户与权限 Users and permissions",
    AlwaysEnabled = true,
    Description = "Users, roles and permissions stored in the tenant's database, with a sign-in cookie of the tenant's own.")]
