using System.Security.Claims;
using GovPlatform.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Contents.Api;

/// <summary>
/// Who may do what through the API. Permissions are checked against the item's grid unit (the contents permissions
/// are grid-scoped); a user confined to grid units may act only on items attached to a unit inside them, never on
/// items attached to none (<see cref="Security.ContentPermissions"/>).
/// </summary>
internal sealed class ContentApiAccess(HttpContext context)
{
    private readonly IAuthorizationService _authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
    private bool? _confined;

    public ClaimsPrincipal User => context.User;

    public bool IsSignedIn => User.Identity?.IsAuthenticated == true;

    /// <summary>Null when the request is signed in, else the 401 answer.</summary>
    public IResult? RequireSignedIn() => IsSignedIn ? null : ContentApiProblems.Unauthorized();

    /// <summary>
    /// Null when the request may change data: signed in, and carrying the tenant's antiforgery token in the
    /// <c>RequestVerificationToken</c> header. The only credential a tenant accepts is its sign-in cookie, which a
    /// browser sends by itself, so every unsafe request must also prove it comes from the tenant's own pages or from a
    /// client that read the token (<c>GET api/contents/antiforgery</c>).
    /// </summary>
    public async Task<IResult?> RequireWriterAsync()
    {
        if (!IsSignedIn)
        {
            return ContentApiProblems.Unauthorized();
        }

        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        return await antiforgery.IsRequestValidAsync(context) ? null : ContentApiProblems.Antiforgery();
    }

    /// <summary>Whether a role of the user grants <paramref name="permission"/> at all, whatever the unit.</summary>
    public Task<bool> HasGrantAsync(Permission permission) => _authorization.HasPermissionAsync(User, permission);

    /// <summary>Whether the user holds <paramref name="permission"/> for every one of <paramref name="units"/> (null: no unit; none given: the grant alone).</summary>
    public async Task<bool> CanAsync(Permission permission, params string?[] units)
    {
        if (units.Length == 0)
        {
            return await HasGrantAsync(permission);
        }

        foreach (var unit in units.Distinct(StringComparer.Ordinal))
        {
            if (unit is null && await IsConfinedAsync())
            {
                return false;
            }

            if (!await _authorization.HasPermissionAsync(User, permission, new ContentUnitResource(unit)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Null when allowed, else 403 (or 401 when not signed in).</summary>
    public async Task<IResult?> RequireAsync(Permission permission, params string?[] units) =>
        !IsSignedIn ? ContentApiProblems.Unauthorized()
        : await CanAsync(permission, units) ? null
        : ContentApiProblems.Forbidden(permission);

    /// <summary>Whether the user is confined to grid units, read fresh (an administrator may have changed them since sign-in).</summary>
    private async Task<bool> IsConfinedAsync()
    {
        if (_confined is { } known)
        {
            return known;
        }

        var users = context.RequestServices.GetService<ITenantUsers>();
        var account = users is not null && User.Identity?.Name is { Length: > 0 } name
            ? await users.FindByUserNameAsync(name, context.RequestAborted)
            : null;
        _confined = account is not null ? account.GridUnits.Count > 0 : User.HasClaim(c => c.Type == GovClaimTypes.GridUnit);
        return _confined.Value;
    }

    private sealed record ContentUnitResource(string? GridUnitCode) : IGridScopedResource;
}
