using GovPlatform.Localization;

namespace GovPlatform.Security;

/// <summary>The roles every tenant has. Their permissions are edited by the tenant's administrator; the roles cannot be deleted.</summary>
public static class BuiltInRoles
{
    /// <summary>District administrator (区级管理员): every permission, always.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Street (township) administrator (街道/乡镇管理员).</summary>
    public const string StreetAdmin = "StreetAdmin";

    /// <summary>Community staff (社区工作人员).</summary>
    public const string CommunityStaff = "CommunityStaff";

    /// <summary>Grid worker (网格员).</summary>
    public const string GridWorker = "GridWorker";

    /// <summary>Department handler (职能部门承办人).</summary>
    public const string DepartmentHandler = "DepartmentHandler";

    /// <summary>Mediator (调解员).</summary>
    public const string Mediator = "Mediator";

    /// <summary>Legal adviser (法律顾问).</summary>
    public const string LegalAdviser = "LegalAdviser";

    /// <summary>Volunteer (志愿者).</summary>
    public const string Volunteer = "Volunteer";

    /// <summary>Citizen (群众): every registered resident.</summary>
    public const string Citizen = "Citizen";

    /// <summary>The built-in roles with their titles, in order of authority.</summary>
    public static IReadOnlyList<(string Name, BilingualText Title)> All { get; } =
    [
        (Administrator, new("区级管理员", "District administrator")),
        (StreetAdmin, new("街道管理员", "Street administrator")),
        (CommunityStaff, new("社区工作人员", "Community staff")),
        (GridWorker, new("网格员", "Grid worker")),
        (DepartmentHandler, new("职能部门承办人", "Department handler")),
        (Mediator, new("调解员", "Mediator")),
        (LegalAdviser, new("法律顾问", "Legal adviser")),
        (Volunteer, new("志愿者", "Volunteer")),
        (Citizen, new("群众", "Citizen")),
    ];
}
