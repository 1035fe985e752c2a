using GovPlatform.Security;

namespace GovPlatform.Contents.Security;

/// <summary>Declares the contents permissions and who holds them by default.</summary>
internal sealed class ContentPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> GetPermissions() =>
    [
        ContentPermissions.ManageTypes, ContentPermissions.View, ContentPermissions.Edit, ContentPermissions.Publish,
        ContentPermissions.Delete, ContentPermissions.ManageMedia,
    ];

    public IEnumerable<PermissionGrant> GetDefaultGrants() =>
    [
        new(BuiltInRoles.StreetAdmin, [ContentPermissions.View, ContentPermissions.Edit, ContentPermissions.Publish, ContentPermissions.Delete, ContentPermissions.ManageMedia]),
        new(BuiltInRoles.CommunityStaff, [ContentPermissions.View, ContentPermissions.Edit, ContentPermissions.ManageMedia]),
    ];
}
