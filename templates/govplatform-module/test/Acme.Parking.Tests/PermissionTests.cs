using GovPlatform.Security;

namespace Acme.Parking.Tests;

public class PermissionTests
{
    private readonly PermissionProvider provider = new();

    [Fact]
    public void The_module_declares_its_permissions_under_its_id()
    {
        var names = provider.GetPermissions().Select(p => p.Name).ToList();

        Assert.Equal([ModuleInfo.Id + ".Manage"], names);
        Assert.All(provider.GetPermissions(), p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Title.Chinese));
            Assert.False(string.IsNullOrWhiteSpace(p.Title.English));
        });
    }

    [Fact]
    public void Default_grants_go_to_built_in_roles_and_only_grant_declared_permissions()
    {
        var declared = provider.GetPermissions().ToHashSet();
        var roles = BuiltInRoles.All.Select(r => r.Name).ToHashSet();

        foreach (var grant in provider.GetDefaultGrants())
        {
            Assert.Contains(grant.Role, roles);
            Assert.All(grant.Permissions, p => Assert.Contains(p, declared));
        }
    }
}
