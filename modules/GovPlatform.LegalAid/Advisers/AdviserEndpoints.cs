using System.Globalization;
using GovPlatform.LegalAid.Security;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MiniExcelLibs;

namespace GovPlatform.LegalAid.Advisers;

/// <summary>
/// The advisers' coverage report (<c>admin/legal/advisers/coverage</c>, and <c>.xlsx</c>): communities in the reader's
/// grid scope without an adviser in force today, street by street. Needs <see cref="LegalAidPermissions.View"/>.
/// The lawyers, firms and terms pages are in <c>AdviserEndpoints.Admin.cs</c>.
/// </summary>
internal static partial class AdviserEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var view = endpoints.MapGroup("/admin/legal/advisers").RequirePermission(LegalAidPermissions.View);
        view.MapGetShared("/coverage", CoverageAsync);
        view.MapGetShared("/coverage.xlsx", ExportAsync);
        MapAdmin(endpoints);
    }

    private static async Task<IResult> CoverageAsync(HttpContext context, CoverageReport report, ITenant tenant, CancellationToken ct) =>
        ComponentPage.Render<CoveragePage>(context, new { Coverage = await report.BuildAsync(context.User, null, ct), TimeZoneId = tenant.TimeZone });

    private static async Task<IResult> ExportAsync(HttpContext context, CoverageReport report, CancellationToken ct)
    {
        var coverage = await report.BuildAsync(context.User, null, ct);
        var stream = new MemoryStream();
        await stream.SaveAsAsync(CoverageReport.Rows(coverage, CultureInfo.CurrentUICulture).ToList(), cancellationToken: ct);
        stream.Position = 0;
        return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"legal-adviser-coverage-{coverage.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx");
    }
}
