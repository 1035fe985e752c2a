namespace GovPlatform.Core.Modules;

/// <summary>The module catalog is inconsistent; the host refuses to start.</summary>
public sealed class ModuleCatalogException : Exception
{
    public ModuleCatalogException()
    {
    }

    public ModuleCatalogException(string message)
        : base(message)
    {
    }

    public ModuleCatalogException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
