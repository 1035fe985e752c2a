using GovPlatform.Data;
using GovPlatform.Identity.Endpoints;
using GovPlatform.Identity.Models;
using GovPlatform.Identity.Security;
using GovPlatform.Identity.Services;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovPlatform.Identity;

/// <summary>Identity in every tenant: users and roles in its database, its own sign-in cookie, permission policies, account and admin pages.</summary>
public sealed class Startup(ITenant tenant) : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
        var settings = tenant.Settings.GetSection(IdentitySettings.Section).Get<IdentitySettings>() ?? new IdentitySettings();
        services.AddSingleton(settings);
        services.AddSingleton(settings.Password);

        services.AddAuthentication(options =>
        {
            options.DefaultScheme = IdentityConstants.ApplicationScheme;
            options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();
        ConfigureCookie(services, IdentityConstants.ApplicationScheme, "auth");
        ConfigureCookie(services, IdentityConstants.ExternalScheme, "ext");
        ConfigureCookie(services, IdentityConstants.TwoFactorUserIdScheme, "2fa");
        ConfigureCookie(services, IdentityConstants.TwoFactorRememberMeScheme, "2fa-remember");
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(5));

        services.AddIdentityCore<GovUser>(options =>
            {
                options.Password.RequiredLength = settings.Password.RequiredLength;
                options.Password.RequireDigit = settings.Password.RequireDigit;
                options.Password.RequireLowercase = settings.Password.RequireLowercase;
                options.Password.RequireUppercase = settings.Password.RequireUppercase;
                options.Password.RequireNonAlphanumeric = settings.Password.RequireNonAlphanumeric;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = settings.Lockout.MaxFailedAccessAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(settings.Lockout.Minutes);
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<GovRole>()
            .AddEntityFrameworkStores<TenantDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddPasswordValidator<LetterPasswordValidator<GovUser>>()
            .AddClaimsPrincipalFactory<GovUserClaimsPrincipalFactory>();

        services.AddAuthorization();
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IAuthorizationHandler, PermissionHandler>());
        services.AddSingleton<PermissionCatalog>();
        services.AddSingleton<AccessCache>();
        services.AddSingleton<IdentitySeeder>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<TenantAdministrators>();
        services.AddScoped<IAdministratorAccounts>(sp => sp.GetRequiredService<TenantAdministrators>());
        services.AddScoped<ITenantUsers, TenantUsers>();
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        // Roles and default grants are seeded on first use (a permission check of a signed-in user, an account being
        // created), not before a shell's first request: a public page or an API call need not wait for them.
        AccountEndpoints.Map(endpoints);
        UserAdminEndpoints.Map(endpoints);
        RoleAdminEndpoints.Map(endpoints);
    }

    private void ConfigureCookie(IServiceCollection services, string scheme, string purpose) =>
        services.AddOptions<CookieAuthenticationOptions>(scheme).Configure<IDataProtectionProvider>((options, dataProtection) =>
        {
            AuthCookie.Configure(options, tenant, purpose);

            // The shell's provider is the tenant's own already; the tenant's name in the purpose keeps it so whatever
            // provider a host registers.
            options.DataProtectionProvider = dataProtection.CreateProtector("GovPlatform.Identity", tenant.Name);
        });
}
