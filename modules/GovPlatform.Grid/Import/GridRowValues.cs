using System.Globalization;
using System.Text.Json;
using GovPlatform.Grid.Services;
using GovPlatform.Localization;
using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Import;

/// <summary>
/// The fields of one row (a sheet row or a feature's properties). A bad value is recorded as an error of the row and
/// read as the default, so the rest of the row, and of the file, is still checked: every problem is reported at once.
/// </summary>
internal sealed class GridRowValues(int row, Func<GridColumn, string?> read, List<GridImportError> errors)
{
    public int Row => row;

    /// <summary>The trimmed text, or null when empty or absent.</summary>
    public string? Text(GridColumn column)
    {
        var value = read(column)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>A count (households, residents…): a non-negative whole number, 0 when empty.</summary>
    public int Count(GridColumn column)
    {
        var text = Text(column);
        if (text is null)
        {
            return 0;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(column, new(
            $"{column.ChineseName}（{column.Name}）必须是非负整数，而不是“{text}”",
            $"{column.Name} must be a whole number of 0 or more, not \"{text}\""));
        return 0;
    }

    /// <summary>A date written <c>yyyy-MM-dd</c>, or null when empty.</summary>
    public DateOnly? Date(GridColumn column)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        Error(column, new(
            $"{column.ChineseName}（{column.Name}）必须是 yyyy-MM-dd 格式的日期，而不是“{text}”",
            $"{column.Name} must be a date written yyyy-MM-dd, not \"{text}\""));
        return null;
    }

    /// <summary>One of an enum's file names, or <paramref name="fallback"/> when empty.</summary>
    public T Choice<T>(GridColumn column, GridEnumNames<T> names, T fallback)
        where T : struct, Enum
    {
        var text = Text(column);
        if (text is null)
        {
            return fallback;
        }

        if (names.TryParse(text, out var value))
        {
            return value;
        }

        Error(column, new(
            $"{column.ChineseName}（{column.Name}）“{text}”无效，可选值：{names.Allowed}",
            $"{column.Name} \"{text}\" is not one of: {names.Allowed}"));
        return fallback;
    }

    /// <summary>A GeoJSON geometry written as text, or null when empty; its validity is the planner's to check.</summary>
    public Geometry? Geometry(GridColumn column)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Geometry>(text, GeoJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            Error(column, new(
                $"{column.ChineseName}（{column.Name}）不是 GeoJSON 几何对象：{ex.Message}",
                $"{column.Name} is not a GeoJSON geometry: {ex.Message}"));
            return null;
        }
    }

    public void Error(GridColumn? column, BilingualText message) => errors.Add(new GridImportError(row, column?.Name, message));
}
