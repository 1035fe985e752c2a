using System.Security.Claims;
using GovPlatform.Data;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Security;
using GovPlatform.Petitions.Services;
using GovPlatform.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Petitions.Api;

/// <summary>
/// Who may do what through the API. The only credential a tenant accepts is its sign-in cookie, which a browser sends
/// by itself; so every POST made with it must also carry the tenant's antiforgery token, or a page of another site (or
/// of another tenant on the same host) could file reports and run commands in the user's name. Staff see the petitions
/// <see cref="PetitionScope"/> gives them; the loop checks each command's permission on the handling unit.
/// </summary>
internal sealed class PetitionApiAccess(HttpContext context)
{
    private readonly IAuthorizationService _authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();

    public ClaimsPrincipal User => context.User;

    public bool IsSignedIn => User.Identity?.IsAuthenticated == true;

    /// <summary>Null when the request carries a valid antiforgery token for its signed-in user (or is anonymous), else the 400 answer.</summary>
    public async Task<IResult?> CheckAntiforgeryAsync()
    {
        if (!IsSignedIn)
        {
            return null;
        }

        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        return await antiforgery.IsRequestValidAsync(context) ? null : PetitionApiProblems.Antiforgery();
    }

    /// <summary>Null when signed in with <paramref name="permission"/> granted for some unit, else 401 or 403.</summary>
    public async Task<IResult?> RequireGrantAsync(Permission permission) =>
        !IsSignedIn ? PetitionApiProblems.Unauthorized()
        : await _authorization.HasPermissionAsync(User, permission) ? null
        : PetitionApiProblems.Forbidden(permission);

    /// <summary>The petition when the user may see it (located or handled inside their units), else null: the same answer as for a missing one.</summary>
    public async Task<Petition?> VisibleAsync(long id, CancellationToken cancellationToken)
    {
        var db = context.RequestServices.GetRequiredService<TenantDbContext>();
        var scope = context.RequestServices.GetRequiredService<PetitionScope>();
        var query = await scope.ApplyAsync(db.Set<Petition>().AsNoTracking().Where(p => p.Id == id), User, cancellationToken);
        return await query.FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether the user may open <paramref name="petition"/> through the API: the View grant and the scope.</summary>
    public async Task<bool> CanOpenAsync(Petition petition, CancellationToken cancellationToken) =>
        IsSignedIn && await _authorization.HasPermissionAsync(User, PetitionPermissions.View)
        && await VisibleAsync(petition.Id, cancellationToken) is not null;
}
