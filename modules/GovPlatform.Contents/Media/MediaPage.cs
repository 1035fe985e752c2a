namespace GovPlatform.Contents.Media;

/// <summary>One page of the media library, newest first, and how many files the filters match.</summary>
public sealed record MediaPage(IReadOnlyList<MediaAsset> Items, int Total, int Page, int PageSize)
{
    /// <summary>How many pages the filters fill.</summary>
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
