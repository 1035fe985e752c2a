using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GovPlatform.Core.Hosting;

/// <summary>
/// The credential of the host management API, for scripts and automation: <c>GovPlatform:HostApiKey</c>. Without one,
/// the API is off; people manage tenants in the host admin (<c>/admin/tenants</c>) with a host-admin account.
/// </summary>
public sealed class HostApiKey(IOptions<GovPlatformOptions> options)
{
    private readonly byte[]? _key = string.IsNullOrWhiteSpace(options.Value.HostApiKey) ? null : Encoding.UTF8.GetBytes(options.Value.HostApiKey.Trim());

    /// <summary>Whether a key is configured (otherwise the API refuses every request).</summary>
    public bool IsConfigured => _key is not null;

    /// <summary>Compares in constant time.</summary>
    public bool Matches(string? candidate) =>
        _key is not null && candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _key);
}
