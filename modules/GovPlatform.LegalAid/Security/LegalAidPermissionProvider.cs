using GovPlatform.Security;

namespace GovPlatform.LegalAid.Security;

/// <summary>Declares the legal aid permissions and who holds them by default.</summary>
internal sealed class LegalAidPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> GetPermissions() => LegalAidPermissions.All;

    public IEnumerable<PermissionGrant> GetDefaultGrants() =>
    [
        new(BuiltInRoles.StreetAdmin,
        [
            LegalAidPermissions.View, LegalAidPermissions.Consult, LegalAidPermissions.Review, LegalAidPermissions.Receptions,
            LegalAidPermissions.Statistics,
        ]),
        new(BuiltInRoles.CommunityStaff,
        [
            LegalAidPermissions.View, LegalAidPermissions.Consult, LegalAidPermissions.Receptions, LegalAidPermissions.Statistics,
        ]),
        new(BuiltInRoles.LegalAdviser, [LegalAidPermissions.View, LegalAidPermissions.Consult]),
    ];
}
