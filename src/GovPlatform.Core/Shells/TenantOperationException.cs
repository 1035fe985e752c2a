namespace GovPlatform.Core.Shells;

/// <summary>A tenant operation that was refused; <see cref="StatusCode"/> is the HTTP status an API answers with.</summary>
public sealed class TenantOperationException : Exception
{
    public TenantOperationException()
    {
    }

    public TenantOperationException(string message)
        : base(message)
    {
    }

    public TenantOperationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TenantOperationException(int statusCode, string title, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Title = title;
    }

    public int StatusCode { get; } = 400;

    public string Title { get; } = "Tenant operation refused";
}
