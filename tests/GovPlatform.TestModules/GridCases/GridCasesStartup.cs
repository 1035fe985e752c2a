using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.TestModules.GridCases;

/// <summary>A case of a grid unit: the resource of the grid-scope checks.</summary>
public sealed record GridCase(string? GridUnitCode) : IGridScopedResource;

public static class GridCasePermissions
{
    private static readonly BilingualText Group = new("测试案件", "Test cases");

    /// <summary>Grid-scoped: a user with grid units sees the cases of those units only.</summary>
    public static readonly Permission View = new("Test.Cases.View", new("查看案件", "View cases"), Group, GridScoped: true);

    /// <summary>Not scoped; granted by default to grid workers.</summary>
    public static readonly Permission Close = new("Test.Cases.Close", new("结案", "Close cases"), Group);
}

[ForFeature("Test.GridCases")]
public sealed class GridCasePermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> GetPermissions() => [GridCasePermissions.View, GridCasePermissions.Close];

    public IEnumerable<PermissionGrant> GetDefaultGrants() => [new(BuiltInRoles.GridWorker, [GridCasePermissions.Close])];
}

[ForFeature("Test.GridCases")]
public sealed class GridCasesStartup : ModuleStartup
{
    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        // Endpoint-level requirement: any user whose role grants the permission.
        endpoints.MapGet("/test-cases", () => Results.Ok("cases")).RequirePermission(GridCasePermissions.View);
        endpoints.MapGet("/test-cases/close", () => Results.Ok("close")).RequirePermission(GridCasePermissions.Close);

        // Resource-level check: the case's unit must lie within the user's units.
        endpoints.MapGet("/test-cases/{unit}", async (string unit, HttpContext context, IAuthorizationService authorization) =>
            await authorization.HasPermissionAsync(context.User, GridCasePermissions.View, new GridCase(unit))
                ? Results.Ok(unit)
                : Results.StatusCode(StatusCodes.Status403Forbidden)).RequireAuthorization();
    }
}
