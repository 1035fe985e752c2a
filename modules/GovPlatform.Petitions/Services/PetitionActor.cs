using System.Security.Claims;

namespace GovPlatform.Petitions.Services;

/// <summary>Who runs a command: a signed-in staff member (permission-checked), the background job, or the tracked citizen.</summary>
internal sealed record PetitionActor(string Name, string? DisplayName, ClaimsPrincipal? User)
{
    public const string SystemName = "system";
    public const string CitizenName = "citizen";

    public static PetitionActor System { get; } = new(SystemName, null, null);

    public static PetitionActor Citizen { get; } = new(CitizenName, null, null);

    public bool IsStaff => User is not null;

    public static PetitionActor Staff(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "?",
        user.FindFirstValue("gp:display_name"),
        user);
}
