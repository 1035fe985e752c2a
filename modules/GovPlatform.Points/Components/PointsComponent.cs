using System.Globalization;
using GovPlatform.Themes;

namespace GovPlatform.Points.Components;

/// <summary>The points pages' base: the tenant's base path, texts in the reader's language, dates in the tenant's zone.</summary>
public abstract class PointsComponent : PageComponent
{
    /// <summary>The module's stylesheet.</summary>
    protected const string Stylesheet = "/_content/GovPlatform.Points/points.css";

    /// <summary>Points as shown: <c>1,250</c>.</summary>
    protected static string Points(long points) => points.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>An amount in fen as yuan: <c>¥12.50</c>.</summary>
    protected static string Yuan(long fen) => "¥" + (fen / 100m).ToString("N2", CultureInfo.InvariantCulture);
}

