namespace GovPlatform.Grid.Import;

/// <summary>The tenant's levels as an import file may name them: by position, Chinese name or English name.</summary>
internal sealed class GridPlanLevels(IReadOnlyList<GridLevelInfo> levels)
{
    public int Count => levels.Count;

    public bool Exists(int depth) => levels.Any(l => l.Depth == depth);

    /// <summary>The position of the level written <paramref name="text"/> (<c>2</c>, <c>社区</c>, <c>community</c>), or null.</summary>
    public int? Find(string text)
    {
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var depth))
        {
            return Exists(depth) ? depth : null;
        }

        return levels.FirstOrDefault(l => string.Equals(l.Name.Chinese, text, StringComparison.Ordinal)
            || (l.Name.English.Length > 0 && string.Equals(l.Name.English, text, StringComparison.OrdinalIgnoreCase)))?.Depth;
    }

    /// <summary>A level for a message: <c>2 社区</c>.</summary>
    public string Chinese(int depth) => levels.FirstOrDefault(l => l.Depth == depth) is { } level ? $"{depth} {level.Name.Chinese}" : $"{depth}";

    /// <summary>A level for a message: <c>2 (Community)</c>, with the Chinese name when there is no English one.</summary>
    public string English(int depth) => levels.FirstOrDefault(l => l.Depth == depth) is { } level
        ? $"{depth} ({(level.Name.English.Length > 0 ? level.Name.English : level.Name.Chinese)})"
        : $"{depth}";

    public string ListChinese() => string.Join("、", levels.Select(l => Chinese(l.Depth)));

    public string ListEnglish() => string.Join(", ", levels.Select(l => English(l.Depth)));
}
