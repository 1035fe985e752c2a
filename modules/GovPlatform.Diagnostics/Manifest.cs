using GovPlatform.Modules;

[assembly: Module("GovPlatform.Diagnostics", "诊断 Diagnostics",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Infrastructure",
    Description = "Reports the tenant's name, state, culture and enabled features at /diagnostics. Off by default.")]
