namespace GovPlatform.Core.Shells;

/// <summary>A tenant's shell cannot serve requests: the tenant is not running or its shell failed to build.</summary>
public sealed class ShellActivationException : Exception
{
    public ShellActivationException()
    {
    }

    public ShellActivationException(string message)
        : base(message)
    {
    }

    public ShellActivationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
