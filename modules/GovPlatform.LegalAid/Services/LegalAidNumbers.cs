using System.Globalization;
using System.Security.Cryptography;
using GovPlatform.Tenants;

namespace GovPlatform.LegalAid.Services;

/// <summary>
/// Numbers of the module's records: the local date and six random digits (<c>ZX20261126038412</c>), unique by index;
/// a collision (one in a million per day) fails the save, which the caller may retry.
/// </summary>
public sealed class LegalAidNumbers(ITenant tenant)
{
    /// <summary>A consultation's number (<c>ZX…</c>, 咨询).</summary>
    public string Consultation(DateTime utc) => Make("ZX", utc);

    /// <summary>A legal aid application's number (<c>FY…</c>, 法援).</summary>
    public string Application(DateTime utc) => Make("FY", utc);

    /// <summary>A code residents get for an evening reception sign-up (8 letters and digits, no look-alikes).</summary>
    public static string SignUpCode() => RandomNumberGenerator.GetString("23456789ABCDEFGHJKLMNPQRSTUVWXYZ", 8);

    private string Make(string prefix, DateTime utc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}{local:yyyyMMdd}{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}");
    }
}
