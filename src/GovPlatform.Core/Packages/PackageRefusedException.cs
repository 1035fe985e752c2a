using GovPlatform.Localization;

namespace GovPlatform.Core.Packages;

/// <summary>A package install or uninstall that was refused, with its reason in both languages.</summary>
public sealed class PackageRefusedException : Exception
{
    public PackageRefusedException()
    {
    }

    public PackageRefusedException(string message)
        : base(message)
    {
        Reason = new(message, message);
    }

    public PackageRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = new(message, message);
    }

    public PackageRefusedException(int statusCode, BilingualText reason, Exception? innerException = null)
        : base(reason.English, innerException)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The HTTP status an API answers with.</summary>
    public int StatusCode { get; } = 400;

    public BilingualText Reason { get; }

    /// <summary>The refused package's id, once its nuspec was read; for the audit trail.</summary>
    public string? PackageId { get; internal set; }

    /// <summary>The refused package's version, once its nuspec was read.</summary>
    public string? PackageVersion { get; internal set; }

    /// <summary>SHA-256 of the refused upload, once it was read whole (not for an oversized one).</summary>
    public string? Sha256 { get; internal set; }
}
