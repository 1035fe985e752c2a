using GovPlatform.Security;

namespace GovPlatform.Mediation.Security;

/// <summary>Declares the mediation permissions and who holds them by default.</summary>
internal sealed class MediationPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> GetPermissions() => MediationPermissions.All;

    public IEnumerable<PermissionGrant> GetDefaultGrants() =>
    [
        new(BuiltInRoles.StreetAdmin, [.. MediationPermissions.All.Where(p => p != MediationPermissions.Manage)]),
        new(BuiltInRoles.CommunityStaff,
        [
            MediationPermissions.View, MediationPermissions.Register, MediationPermissions.Mediate, MediationPermissions.Statistics,
        ]),
        new(BuiltInRoles.Mediator, [MediationPermissions.View, MediationPermissions.Register, MediationPermissions.Mediate]),
        new(BuiltInRoles.GridWorker, [MediationPermissions.View, MediationPermissions.Register]),
    ];
}
