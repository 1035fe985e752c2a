namespace GovPlatform.Core.Shells;

/// <summary>A tenant's shell could not be built; the message names the feature and module at fault.</summary>
public sealed class ShellBuildException : Exception
{
    public ShellBuildException()
    {
    }

    public ShellBuildException(string message)
        : base(message)
    {
    }

    public ShellBuildException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
