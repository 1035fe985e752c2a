using GovPlatform.Localization;

namespace GovPlatform.Grid.Services;

/// <summary>An import refused after planning (a linked user account missing): nothing was written.</summary>
internal sealed class GridImportException(BilingualText reason) : Exception(reason.English)
{
    public BilingualText Reason { get; } = reason;
}
