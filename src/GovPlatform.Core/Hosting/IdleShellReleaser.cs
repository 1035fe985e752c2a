using GovPlatform.Core.Shells;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GovPlatform.Core.Hosting;

/// <summary>Releases tenant shells that have been idle longer than <see cref="GovPlatformOptions.ShellIdleTimeout"/>.</summary>
public sealed class IdleShellReleaser(ShellHost shells, IOptions<GovPlatformOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ShellIdleTimeout is not { } timeout || timeout <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.IdleScanInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            shells.ReleaseIdle(timeout);
        }
    }
}
