using GovPlatform.Localization;
using GovPlatform.Security;

namespace GovPlatform.Contents.Security;

/// <summary>The contents module's permissions. Editing is grid-scoped: a user confined to units edits the items attached to them (and items attached to none only when tenant-wide).</summary>
public static class ContentPermissions
{
    private static readonly BilingualText Group = new("内容", "Contents");

    /// <summary>Create, edit and delete content types, and override their templates.</summary>
    public static readonly Permission ManageTypes = new("Contents.ManageTypes", new("管理内容类型和模板", "Manage content types and templates"), Group);

    /// <summary>See content items in the admin, drafts and history included.</summary>
    public static readonly Permission View = new("Contents.View", new("查看内容", "View contents"), Group, GridScoped: true);

    /// <summary>Create and edit content items and save drafts.</summary>
    public static readonly Permission Edit = new("Contents.Edit", new("编辑内容", "Edit contents"), Group, GridScoped: true);

    /// <summary>Publish, unpublish and schedule content items, and restore old versions.</summary>
    public static readonly Permission Publish = new("Contents.Publish", new("发布内容", "Publish contents"), Group, GridScoped: true);

    /// <summary>Delete content items.</summary>
    public static readonly Permission Delete = new("Contents.Delete", new("删除内容", "Delete contents"), Group, GridScoped: true);

    /// <summary>Upload and delete media.</summary>
    public static readonly Permission ManageMedia = new("Contents.ManageMedia", new("管理媒体文件", "Manage media"), Group);
}
