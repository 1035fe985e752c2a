using GovPlatform.Security;

namespace GovPlatform.Identity.Endpoints;

/// <summary>A user as the admin's list shows it.</summary>
public sealed record UserRow(string Id, string UserName, string DisplayName, string? Email, string? Phone, IReadOnlyList<string> Roles, bool Locked);

/// <summary>A role as the admin's lists and checkboxes show it.</summary>
public sealed record RoleRow(string Name, string Title, int PermissionCount, int UserCount, bool IsAdministrator);

/// <summary>One group of the role editor's checkboxes.</summary>
public sealed record PermissionGroup(string Title, IReadOnlyList<(Permission Permission, bool Granted)> Permissions);
