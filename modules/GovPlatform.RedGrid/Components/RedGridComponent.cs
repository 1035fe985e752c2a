using System.Globalization;
using GovPlatform.Themes;

namespace GovPlatform.RedGrid.Components;

/// <summary>The red-grid pages' base (texts in the reader's language and local times come from <see cref="PageComponent"/>).</summary>
public abstract class RedGridComponent : PageComponent
{
    /// <summary>The module's stylesheet.</summary>
    protected const string Stylesheet = "/_content/GovPlatform.RedGrid/redgrid.css";

    /// <summary>An amount in fen as yuan: <c>¥20,430,000.00</c>.</summary>
    protected static string Yuan(long fen) => "¥" + (fen / 100m).ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage (<c>96.4%</c>), or "—" when there is nothing to divide by.</summary>
    protected static string Percent(int part, int whole) =>
        whole == 0 ? "—" : (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
