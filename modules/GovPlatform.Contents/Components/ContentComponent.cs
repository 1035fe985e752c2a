using GovPlatform.Themes;

namespace GovPlatform.Contents.Components;

/// <summary>The contents pages' base.</summary>
public abstract class ContentComponent : PageComponent;
