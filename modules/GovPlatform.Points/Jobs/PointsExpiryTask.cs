using GovPlatform.Jobs;
using GovPlatform.Points.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Points.Jobs;

/// <summary>
/// Every hour, in every tenant with points (idle ones too, since points expire whether anyone signs in or not): writes
/// the expiry of earned points whose time has come (<see cref="PointsLedger.ExpireDueAsync"/>: first in, first out,
/// idempotent, at most 500 volunteers a run; the rest follow at the next run).
/// </summary>
internal sealed class PointsExpiryTask(ILogger<PointsExpiryTask> logger) : IBackgroundTask
{
    public string Name => "points.expiry";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public bool WakesIdleTenant => true;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var expired = await services.GetRequiredService<PointsLedger>().ExpireDueAsync(cancellationToken);
        if (expired > 0)
        {
            logger.LogInformation("Points: expired points written for {Count} volunteers", expired);
        }
    }
}
