using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovPlatform.Core.Hosting;

/// <summary>
/// The bootstrap credential of the host management API: <c>GovPlatform:HostApiKey</c> from configuration, or else a
/// random key generated once and kept in <c>App_Data/host-api-key</c> (readable by the operator only).
/// </summary>
public sealed class HostApiKey
{
    private readonly byte[] _key;

    public HostApiKey(IOptions<GovPlatformOptions> options, HostPaths paths, ILogger<HostApiKey> logger)
    {
        var configured = options.Value.HostApiKey;
        if (string.IsNullOrWhiteSpace(configured))
        {
            var file = Path.Combine(paths.DataRoot, "host-api-key");
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(paths.DataRoot);
                File.WriteAllText(file, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant());
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                logger.LogWarning("No GovPlatform:HostApiKey is configured; a host API key was generated in {File}", file);
            }

            configured = File.ReadAllText(file).Trim();
        }

        _key = Encoding.UTF8.GetBytes(configured);
    }

    /// <summary>Compares in constant time.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _key);
}
