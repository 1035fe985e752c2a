using System.Security.Claims;
using GovPlatform.Identity.Models;
using GovPlatform.RedGrid.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>Members for the register's tests: valid ID numbers made with their check digit, rows straight into the table.</summary>
internal static class MemberTestData
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>A valid ID number born on <paramref name="birth"/> (yyyyMMdd) with sequence <paramref name="sequence"/>.</summary>
    public static string IdNumber(string birth, int sequence)
    {
        var body = $"110105{birth}{sequence:000}";
        var sum = body.Select((c, i) => (c - '0') * Weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    public static PartyMember Member(string name, string unit, MemberKind kind = MemberKind.Resident, string? idNumber = null, string? phone = null, MemberStatus status = MemberStatus.Active) => new()
    {
        Name = name,
        GridUnitCode = unit,
        Kind = kind,
        IdNumber = idNumber,
        Phone = phone,
        BirthDate = idNumber is null ? null : DateOnly.ParseExact(idNumber[6..14], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
        Employer = kind == MemberKind.InService ? "区财政局" : null,
        Status = status,
        UpdatedUtc = DateTime.UtcNow,
        Version = 1,
    };

    public static async Task<ClaimsPrincipal> PrincipalAsync(IServiceProvider services, string userName)
    {
        var users = services.GetRequiredService<UserManager<GovUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        return await services.GetRequiredService<IUserClaimsPrincipalFactory<GovUser>>().CreateAsync(user);
    }
}
