using System.Security.Cryptography;
using System.Text;
using GovPlatform.Core.Hosting;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Tenants.Admin;

/// <summary>
/// The one-time token that lets the first person create the host's administrator account: made when it is first needed,
/// written to the host's log and to <c>App_Data/host-setup-token</c> (readable by the operator only), deleted once used.
/// </summary>
public sealed partial class HostSetupToken(HostPaths paths, ILogger<HostSetupToken> logger)
{
    private static readonly Lock Gate = new();

    private string FilePath => Path.Combine(paths.DataRoot, "host-setup-token");

    /// <summary>The token, created (and logged) if there is none yet.</summary>
    public string GetOrCreate(string setupUrl)
    {
        lock (Gate)
        {
            if (File.Exists(FilePath))
            {
                return File.ReadAllText(FilePath).Trim();
            }

            Directory.CreateDirectory(paths.DataRoot);
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            File.WriteAllText(FilePath, token);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            LogCreated(logger, setupUrl, token, FilePath);
            return token;
        }
    }

    /// <summary>Whether <paramref name="candidate"/> is the current token (constant-time).</summary>
    public bool Matches(string? candidate)
    {
        lock (Gate)
        {
            if (candidate is null || !File.Exists(FilePath))
            {
                return false;
            }

            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate.Trim()), Encoding.UTF8.GetBytes(File.ReadAllText(FilePath).Trim()));
        }
    }

    /// <summary>Deletes the token once the first administrator exists.</summary>
    public void Consume()
    {
        lock (Gate)
        {
            File.Delete(FilePath);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The platform has no administrator yet. Create one at {SetupUrl}?token={Token} (the token is also in {File}).")]
    private static partial void LogCreated(ILogger logger, string setupUrl, string token, string file);
}
