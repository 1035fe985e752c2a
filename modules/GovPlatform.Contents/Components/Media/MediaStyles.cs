namespace GovPlatform.Contents.Components.Media;

/// <summary>The media pages' few styles, inline (the module has no stylesheet of its own yet), in the theme's colours.</summary>
internal static class MediaStyles
{
    public const string Css = """
        .media-grid { list-style: none; padding: 0; margin: 1rem 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 1rem; }
        .media-card { border: 1px solid var(--gp-line, #d0d7de); border-radius: var(--gp-radius, 6px); background: var(--gp-surface, #fff); padding: .5rem; min-width: 0; }
        .media-card-single { max-width: 24rem; }
        .media-card p { margin: .25rem 0; overflow-wrap: anywhere; }
        .media-thumb { display: flex; align-items: center; justify-content: center; height: 10rem; background: var(--gp-ground, #f5f6f8); border-radius: var(--gp-radius, 6px); text-decoration: none; }
        .media-thumb img { max-width: 100%; max-height: 10rem; width: auto; height: auto; object-fit: contain; }
        .media-ext { font-size: 1.5rem; font-weight: 700; color: var(--gp-accent, #1d4f91); }
        .media-name { font-weight: 600; }
        .media-meta, .media-count { color: var(--gp-muted, #57606a); font-size: .875rem; }
        .media-path code { font-size: .75rem; }
        .media-filter { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
        .media-filter input, .media-filter select { min-height: 44px; }
        .media-results ul { list-style: none; padding: 0; }
        .media-pager { display: flex; gap: 1rem; align-items: center; }
        .media-delete, .media-pager a { display: inline-block; min-height: 44px; line-height: 44px; }
        """;
}
