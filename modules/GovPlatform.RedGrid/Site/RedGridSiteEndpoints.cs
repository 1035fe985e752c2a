using GovPlatform.Modules;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.RedGrid.Site;

/// <summary>
/// The public red grid page <c>redgrid</c>: coverage headline, the latest party-building news (when the tenant has the
/// type), the service centres and the latest completed projects. Anyone may read it; it shows aggregates and published
/// texts only.
/// </summary>
internal static class RedGridSiteEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGetShared("/redgrid", LandingAsync);

    private static async Task<IResult> LandingAsync(HttpContext context, RedGridLanding landing, ITenant tenant, CancellationToken ct) =>
        ComponentPage.Render<RedGridLandingPage>(context, new { View = await landing.LoadAsync(ct), TimeZoneId = tenant.TimeZone });
}
