using GovPlatform.Core.Shells;

namespace GovPlatform.Core.Hosting;

/// <summary>The HTTP feature that tells code in a request which shell serves it.</summary>
public sealed record ShellFeature(ShellContext Shell, string OriginalPathBase);
