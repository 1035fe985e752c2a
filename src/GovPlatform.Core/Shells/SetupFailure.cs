namespace GovPlatform.Core.Shells;

/// <summary>Where and why a tenant's recipe stopped.</summary>
public sealed record SetupFailure(string Recipe, int StepIndex, string StepName, string Message, DateTimeOffset AtUtc);
