namespace GovPlatform.Tenants.AdminPages;

/// <summary>The host admin's strings: <c>HostText.resx</c> (Simplified Chinese) and <c>HostText.en.resx</c>.</summary>
public sealed class HostText;
