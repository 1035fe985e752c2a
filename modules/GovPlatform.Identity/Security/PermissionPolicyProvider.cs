using System.Collections.Concurrent;
using GovPlatform.Localization;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace GovPlatform.Identity.Security;

/// <summary>Turns a policy name <c>Permission:&lt;Name&gt;</c> into a policy: a signed-in user holding that permission.</summary>
internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options, PermissionCatalog catalog) : DefaultAuthorizationPolicyProvider(options)
{
    private readonly ConcurrentDictionary<string, AuthorizationPolicy> _policies = new(StringComparer.Ordinal);

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        ArgumentNullException.ThrowIfNull(policyName);
        if (await base.GetPolicyAsync(policyName) is { } configured)
        {
            return configured;
        }

        if (!policyName.StartsWith(Permission.PolicyPrefix, StringComparison.Ordinal) || policyName.Length == Permission.PolicyPrefix.Length)
        {
            return null;
        }

        return _policies.GetOrAdd(policyName, name =>
        {
            var permissionName = name[Permission.PolicyPrefix.Length..];

            // A permission no enabled feature declares is still a policy: only administrators pass it.
            var permission = catalog.Find(permissionName) ?? new Permission(permissionName, new(permissionName, permissionName), new BilingualText("", ""));
            return new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)).Build();
        });
    }
}
