using Microsoft.AspNetCore.Routing;

namespace GovPlatform.LegalAid.Appointments;

/// <summary>The appointment pages: the citizens' on the public site and the staff's day list.</summary>
internal static class AppointmentEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        PublicAppointmentEndpoints.Map(endpoints);
        AppointmentDeskEndpoints.Map(endpoints);
    }
}
