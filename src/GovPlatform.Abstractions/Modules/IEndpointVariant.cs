namespace GovPlatform.Modules;

/// <summary>
/// A tenant setting that a feature's endpoints are built from (a limit put in their metadata, say). Shells with the same
/// features share one set of endpoints and one route matcher; a shell whose variants differ gets its own set.
/// </summary>
public interface IEndpointVariant
{
    /// <summary>The setting's value as the endpoints use it; equal values share endpoints.</summary>
    string Value { get; }
}
