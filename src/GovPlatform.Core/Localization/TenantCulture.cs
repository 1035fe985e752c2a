using System.Globalization;
using GovPlatform.Core.Shells;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Core.Localization;

/// <summary>
/// Which culture a request gets, most specific first: <c>?culture=</c>, the tenant's culture cookie (set by
/// <c>GET culture/{culture}</c>), the signed-in user's preference, the browser's Accept-Language, the tenant's culture.
/// </summary>
internal static class TenantCulture
{
    /// <summary>The cultures every tenant site offers; the tenant's own culture is the default.</summary>
    public static readonly IReadOnlyList<string> Supported = ["zh-CN", "en"];

    public static void Configure(IServiceCollection services, ShellSettings settings)
    {
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Supported.Union([settings.Culture]).Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(settings.Culture);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = TenantCookies.Name(settings.Name, "culture") },
                new CustomRequestCultureProvider(context =>
                {
                    var preferred = context.User.FindFirst(GovClaimTypes.Culture)?.Value;
                    return Task.FromResult(string.IsNullOrEmpty(preferred) ? null : new ProviderCultureResult(preferred));
                }),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
    }

    /// <summary>
    /// <c>GET culture/{culture}?returnUrl=</c>: remembers the visitor's choice for a year and goes back. The endpoint is
    /// shared by shells with the same features, so it reads the tenant from the request, not from the shell it was built in.
    /// </summary>
    public static void MapSwitch(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            var settings = context.RequestServices.GetRequiredService<ShellSettings>();
            var chosen = Supported.Union([settings.Culture]).FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Unsupported culture / 不支持的语言",
                    detail: $"'{culture}' is not offered; choose one of: {string.Join(", ", Supported)}.");
            }

            context.Response.Cookies.Append(
                TenantCookies.Name(settings.Name, "culture"),
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions
                {
                    Path = TenantCookies.Path(settings.UrlPrefix),
                    Expires = DateTimeOffset.UtcNow.AddYears(1),
                    IsEssential = true,
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                });
            return Results.LocalRedirect(context.SafeReturnUrl(returnUrl));
        }).WithName("GovPlatform.Culture");
    }
}
