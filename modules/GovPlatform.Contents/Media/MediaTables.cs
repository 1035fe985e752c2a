namespace GovPlatform.Contents.Media;

/// <summary>The media library's table.</summary>
internal static class MediaTables
{
    public const string Media = "gp_content_media";
}
