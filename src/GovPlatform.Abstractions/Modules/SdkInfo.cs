using System.Reflection;

namespace GovPlatform.Modules;

/// <summary>
/// The module SDK's identity: a module package built against the SDK declares the range of SDK versions it works with
/// (its NuGet dependency on <see cref="PackageId"/>), and a host installs it only when <see cref="Version"/> is in that
/// range. The version follows SemVer: a minor version adds to the SDK, a major version may break modules.
/// </summary>
public static class SdkInfo
{
    /// <summary>The SDK's package id.</summary>
    public const string PackageId = "GovPlatform.Abstractions";

    /// <summary>The SDK version of this host (the package version it was built from, without build metadata).</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var assembly = typeof(SdkInfo).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
