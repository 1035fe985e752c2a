namespace GovPlatform.Identity;

/// <summary>The module's texts: <c>IdentityTexts.resx</c> (Simplified Chinese) and <c>IdentityTexts.en.resx</c>, keyed by the English text.</summary>
public sealed class IdentityTexts
{
    private IdentityTexts()
    {
    }
}
