using GovPlatform.Security;

namespace GovPlatform.Petitions.Security;

/// <summary>Declares the petitions hall's permissions and who holds them by default.</summary>
internal sealed class PetitionPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> GetPermissions() => PetitionPermissions.All;

    public IEnumerable<PermissionGrant> GetDefaultGrants() =>
    [
        new(BuiltInRoles.StreetAdmin, [.. PetitionPermissions.All.Where(p => p != PetitionPermissions.Manage)]),
        new(BuiltInRoles.CommunityStaff,
        [
            PetitionPermissions.View, PetitionPermissions.Receive, PetitionPermissions.Report, PetitionPermissions.Dispatch,
            PetitionPermissions.Handle, PetitionPermissions.Ledger,
        ]),
        new(BuiltInRoles.GridWorker, [PetitionPermissions.View, PetitionPermissions.Report, PetitionPermissions.Handle]),
        new(BuiltInRoles.DepartmentHandler, [PetitionPermissions.View, PetitionPermissions.Handle]),
    ];
}
