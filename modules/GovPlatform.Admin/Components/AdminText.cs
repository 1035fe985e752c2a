namespace GovPlatform.Admin.Components;

/// <summary>The admin's strings: <c>AdminText.resx</c> (Simplified Chinese) and <c>AdminText.en.resx</c>.</summary>
public sealed class AdminText;
