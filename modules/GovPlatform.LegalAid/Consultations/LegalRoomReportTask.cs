using GovPlatform.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.LegalAid.Consultations;

/// <summary>
/// Every ten minutes, in every tenant with legal services (idle ones too): reports to the petitions hall the advised
/// consultations of petitions it has not taken yet (the report after the save failed, or the hall was busy).
/// </summary>
internal sealed class LegalRoomReportTask(ILogger<LegalRoomReportTask> logger) : IBackgroundTask
{
    public string Name => "legalaid.room-reports";

    public TimeSpan Interval => TimeSpan.FromMinutes(10);

    public bool WakesIdleTenant => true;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var reported = await services.GetRequiredService<ConsultationService>().ReportPendingAsync(cancellationToken);
        if (reported > 0)
        {
            logger.LogInformation("Legal aid: {Reported} consultations reported to the petitions hall", reported);
        }
    }
}
