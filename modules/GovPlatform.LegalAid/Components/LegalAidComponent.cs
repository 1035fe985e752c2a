using System.Globalization;
using GovPlatform.Themes;

namespace GovPlatform.LegalAid.Components;

/// <summary>The legal service pages' base (texts in the reader's language and local times come from <see cref="PageComponent"/>).</summary>
public abstract class LegalAidComponent : PageComponent
{
    /// <summary>The module's stylesheet.</summary>
    protected const string Stylesheet = "/_content/GovPlatform.LegalAid/legalaid.css";

    /// <summary>An amount in fen as yuan: <c>¥2,300.00</c>.</summary>
    protected static string Yuan(long fen) => "¥" + (fen / 100m).ToString("N2", CultureInfo.InvariantCulture);
}
