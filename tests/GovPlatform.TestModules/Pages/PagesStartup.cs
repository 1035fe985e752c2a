using System.Security.Claims;
using GovPlatform.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.TestModules.Pages;

[ForFeature("Test.Pages")]
public sealed class PagesStartup : ModuleStartup
{
    public const string UserHeader = "X-Test-User";

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        // Signs the request in as the header's user: the themes' signed-in chrome, without an identity module.
        app.Use((context, next) =>
        {
            if (context.Request.Headers[UserHeader] is [{ Length: > 0 } name])
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "Test"));
            }

            return next(context);
        });

        endpoints.MapGet("/notices", () => new RazorComponentResult<TestPage>(new { Heading = "Notices" }));
        endpoints.MapGet("/admin/pages", () => new RazorComponentResult<TestPage>(new { Heading = "Pages", Admin = true }));
    }
}
