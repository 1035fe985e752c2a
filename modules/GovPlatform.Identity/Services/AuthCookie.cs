using GovPlatform.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace GovPlatform.Identity.Services;

/// <summary>The tenant's sign-in cookie: its own name and path, and answers fit for browsers and for API clients.</summary>
internal static class AuthCookie
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string DeniedPath = "/account/denied";

    public static void Configure(CookieAuthenticationOptions options, ITenant tenant, string purpose)
    {
        options.Cookie.Name = tenant.CookieName(purpose);
        options.Cookie.Path = tenant.CookiePath();
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = LoginPath;
        options.LogoutPath = LogoutPath;
        options.AccessDeniedPath = DeniedPath;
        options.ReturnUrlParameter = "returnUrl";
        options.Events.OnRedirectToLogin = context => Answer(context, LoginPath, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => Answer(context, DeniedPath, StatusCodes.Status403Forbidden);
        options.Events.OnRedirectToLogout = context => Answer(context, LogoutPath, StatusCodes.Status401Unauthorized);

        // The cookie handler would follow any host-relative returnUrl after signing in or out, another tenant's
        // included: the account endpoints redirect themselves, to a SafeReturnUrl only.
        options.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;
    }

    /// <summary>
    /// Browsers are sent to the page with a local return URL (the handler's default is absolute, which the sign-in
    /// page would refuse); other clients get the status code.
    /// </summary>
    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, string page, int status)
    {
        var request = context.Request;
        if (!request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        var here = $"{request.PathBase}{request.Path}{request.QueryString}";
        context.Response.Redirect($"{request.PathBase}{page}{QueryString.Create("returnUrl", here)}");
        return Task.CompletedTask;
    }
}
