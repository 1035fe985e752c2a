namespace GovPlatform.Grid.Import;

/// <summary>
/// The names an enum value has in files: an English name (written by exports, read case-insensitively) and a Chinese
/// name. Numbers are not accepted, so a stray figure in a text column is an error rather than some value.
/// </summary>
internal sealed class GridEnumNames<T>
    where T : struct, Enum
{
    private readonly (T Value, string English, string Chinese)[] _names;

    public GridEnumNames(params (T Value, string English, string Chinese)[] names)
    {
        _names = names;
        Allowed = string.Join(", ", names.Select(n => $"{n.English} ({n.Chinese})"));
    }

    /// <summary>The accepted values, for an error message: <c>fullTime (专职), partTime (兼职)…</c>.</summary>
    public string Allowed { get; }

    public bool TryParse(string text, out T value)
    {
        foreach (var name in _names)
        {
            if (string.Equals(text, name.English, StringComparison.OrdinalIgnoreCase) || string.Equals(text, name.Chinese, StringComparison.Ordinal))
            {
                value = name.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The English name exports write.</summary>
    public string English(T value) => Names(value).English;

    /// <summary>The value for a message: <c>partTime (兼职)</c>.</summary>
    public string Describe(T value) => $"{Names(value).English} ({Names(value).Chinese})";

    private (T Value, string English, string Chinese) Names(T value)
    {
        foreach (var name in _names)
        {
            if (EqualityComparer<T>.Default.Equals(name.Value, value))
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, "no file name for this value");
    }
}
