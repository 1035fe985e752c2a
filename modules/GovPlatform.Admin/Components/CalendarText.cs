namespace GovPlatform.Admin.Components;

/// <summary>The working calendar page's strings: <c>CalendarText.resx</c> (Simplified Chinese) and <c>CalendarText.en.resx</c>.</summary>
public sealed class CalendarText;
