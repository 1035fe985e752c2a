using GovPlatform.Localization;
using GovPlatform.Security;

namespace GovPlatform.Admin;

/// <summary>The admin's own permissions.</summary>
public sealed class AdminPermissions : IPermissionProvider
{
    private static readonly BilingualText Group = new("管理后台", "Administration");

    /// <summary>Open the admin and its dashboard.</summary>
    public static readonly Permission Access = new("Admin.Access", new("进入管理后台", "Open the admin"), Group);

    /// <summary>Enable and disable the tenant's features.</summary>
    public static readonly Permission ManageFeatures = new("Features.Manage", new("启用和停用功能", "Enable and disable features"), Group);

    /// <summary>Change the site's name, theme, language, time zone and feature flags.</summary>
    public static readonly Permission ManageSettings = new("Settings.Manage", new("修改站点设置", "Change site settings"), Group);

    /// <summary>Edit the working calendar: working days, hours, holidays and make-up days (Administrator only by default).</summary>
    public static readonly Permission Calendar = new("Admin.Calendar", new("管理工作日历", "Manage the working calendar"), Group);

    /// <summary>Read and export the audit log.</summary>
    public static readonly Permission ViewAuditLog = new("AuditLog.View", new("查看审计日志", "View the audit log"), Group);

    public IEnumerable<Permission> GetPermissions() => [Access, ManageFeatures, ManageSettings, Calendar, ViewAuditLog];

    public IEnumerable<PermissionGrant> GetDefaultGrants() =>
    [
        new(BuiltInRoles.StreetAdmin, [Access, ViewAuditLog]),
        new(BuiltInRoles.CommunityStaff, [Access]),
        new(BuiltInRoles.GridWorker, [Access]),
        new(BuiltInRoles.DepartmentHandler, [Access]),
        new(BuiltInRoles.Mediator, [Access]),
        new(BuiltInRoles.LegalAdviser, [Access]),
    ];
}
