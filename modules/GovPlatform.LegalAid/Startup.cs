using GovPlatform.LegalAid.Services;
using GovPlatform.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.LegalAid;

/// <summary>Public legal services in a tenant: stations, advisers, appointments, consultations, legal aid, evening receptions, statistics.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<LegalAidSettingsStore>();
        services.AddScoped<LegalAidNumbers>();
        services.AddScoped<BookingService>();
        services.AddScoped<Appointments.AppointmentDirectory>();
        services.AddSingleton<GovPlatform.Jobs.IBackgroundTask, Jobs.AppointmentTask>();
        services.AddScoped<Consultations.ConsultationService>();
        services.AddScoped<GovPlatform.Petitions.IPetitionRoom, Consultations.LegalRoom>();
        services.AddSingleton<GovPlatform.Jobs.IBackgroundTask, Consultations.LegalRoomReportTask>();
        services.AddScoped<Applications.AidApplicationService>();
        services.AddScoped<Receptions.ReceptionService>();
        services.AddScoped<Statistics.LegalAidStatistics>();
        services.AddScoped<Stations.StationEditor>();
        services.AddScoped<Advisers.AdviserEditor>();
        services.AddScoped<Advisers.CoverageReport>();
        services.AddScoped<Directory.LegalDirectory>();
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        Appointments.AppointmentEndpoints.Map(endpoints);
        Consultations.ConsultationEndpoints.Map(endpoints);
        Applications.AidApplicationEndpoints.Map(endpoints);
        Receptions.ReceptionEndpoints.Map(endpoints);
        Statistics.StatisticsEndpoints.Map(endpoints);
        Directory.DirectoryEndpoints.Map(endpoints);
        Advisers.AdviserEndpoints.Map(endpoints);
        Stations.StationEndpoints.Map(endpoints);
        Settings.SettingsEndpoints.Map(endpoints);
    }
}
