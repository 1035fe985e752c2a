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
}
