using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using GovPlatform.LegalAid.Stations;
using GovPlatform.Localization;
using GovPlatform.Security;
using Microsoft.EntityFrameworkCore;
using static GovPlatform.Forms.FieldChecks;

namespace GovPlatform.LegalAid.Advisers;

/// <summary>A law firm as typed.</summary>
public sealed record FirmInput(string Name, string? EnglishName, string? CreditCode, string? Address, string? Phone, bool Active);

/// <summary>A lawyer as typed; <paramref name="Firm"/> is the firm's name.</summary>
public sealed record LawyerInput(string Name, string? Firm, string? LicenceNumber, string? Phone, string? Specialities, string? UserName, bool TakesAidCases, bool Active);

/// <summary>An adviser's assignment as typed: the community, the lawyer's licence number, the term (<c>yyyy-MM-dd</c>), place, hours and booking rules.</summary>
public sealed record AssignmentInput(string Community, string Licence, string? StartsOn, string? EndsOn, string? Place, string? Hours, OpeningRulesInput Rules);

/// <summary>What a change did: the saved record, or the errors by field (key <c>""</c> for the whole form).</summary>
public sealed record AdviserResult<T>(T? Value, IReadOnlyDictionary<string, BilingualText> Errors)
    where T : class
{
    public bool Succeeded => Value is not null && Errors.Count == 0;
}

/// <summary>
/// Law firms, lawyers and the community advisers' assignments (一社区一法律顾问): a community has one assignment in force
/// on a day, so a term overlapping another of the same community is refused; a term ended early keeps its history with
/// the reason. Used by the admin pages and the <c>legalaid</c> recipe step; every change is audited.
/// </summary>
public sealed partial class AdviserEditor(TenantDbContext db, IGridDirectory grid, LegalAidSettingsStore settingsStore, IAuditLog audit, TimeProvider clock, ITenantUsers? users = null)
{
    private static readonly BilingualText Required = new("必填。", "Required.");

    /// <summary>The first key of PostgreSQL's advisory lock taken while a community's terms are checked and changed.</summary>
    private const int AssignLockSpace = 1_735_411;

    [GeneratedRegex("^[0-9]{17}$", RegexOptions.CultureInvariant)]
    private static partial Regex LicencePattern();

    [GeneratedRegex(@"^[0-9+\-() ]{3,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    /// <summary>Adds the firm or updates the one with its name.</summary>
    public Task<AdviserResult<LawFirm>> SaveFirmAsync(FirmInput input, ClaimsPrincipal? user, CancellationToken cancellationToken = default) =>
        SaveFirmAsync(input, null, user, cancellationToken);

    /// <summary>Updates firm <paramref name="id"/>, which may be renamed (to a name no other firm has).</summary>
    public Task<AdviserResult<LawFirm>> UpdateFirmAsync(long id, FirmInput input, ClaimsPrincipal? user, CancellationToken cancellationToken = default) =>
        SaveFirmAsync(input, id, user, cancellationToken);

    private async Task<AdviserResult<LawFirm>> SaveFirmAsync(FirmInput input, long? id, ClaimsPrincipal? user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        Text(errors, "name", input.Name, 100, required: true);
        Text(errors, "englishName", input.EnglishName, 200);
        Text(errors, "address", input.Address, 200);
        if (Blank(input.CreditCode) is { } credit && credit.Length != 18)
        {
            errors["creditCode"] = new("统一社会信用代码为 18 位。", "A unified social credit code has 18 characters.");
        }

        Phone(errors, input.Phone);
        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        var name = input.Name.Trim();
        var firm = await db.Set<LawFirm>().FirstOrDefaultAsync(f => f.Name == name, cancellationToken);
        if (id is { } known)
        {
            if (firm is not null && firm.Id != known)
            {
                errors["name"] = new($"已有名为“{name}”的律师事务所。", $"Another law firm is named '{name}'.");
                return new(null, errors);
            }

            firm = await db.Set<LawFirm>().FirstOrDefaultAsync(f => f.Id == known, cancellationToken);
            if (firm is null)
            {
                errors[""] = new("没有这家律师事务所。", "There is no such law firm.");
                return new(null, errors);
            }
        }
        else if (firm is null)
        {
            firm = new LawFirm { Name = name };
            db.Add(firm);
        }

        firm.Name = name;
        firm.EnglishName = Blank(input.EnglishName) ?? "";
        firm.CreditCode = Blank(input.CreditCode);
        firm.Address = Blank(input.Address);
        firm.Phone = Blank(input.Phone);
        firm.Active = input.Active;
        firm.UpdatedUtc = Now;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "firm-save", $"firm:{firm.Id}", $"{firm.Name} by {Actor(user)}"), cancellationToken);
        return new(firm, errors);
    }

    /// <summary>Adds the lawyer or updates lawyer <paramref name="id"/> (or, without one, the lawyer with the same licence number).</summary>
    public async Task<AdviserResult<Lawyer>> SaveLawyerAsync(LawyerInput input, long? id, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        Text(errors, "name", input.Name, 50, required: true);
        Text(errors, "specialities", input.Specialities, 200);
        Phone(errors, input.Phone);
        var licence = Blank(input.LicenceNumber);
        Lawyer? lawyer = id is { } known ? await db.Set<Lawyer>().FirstOrDefaultAsync(l => l.Id == known, cancellationToken) : null;
        if (id is not null && lawyer is null)
        {
            errors[""] = new("没有这位律师。", "There is no such lawyer.");
            return new(null, errors);
        }

        if (licence is not null)
        {
            if (!LicencePattern().IsMatch(licence))
            {
                errors["licenceNumber"] = new("律师执业证号为 17 位数字。", "A lawyer's licence number has 17 digits.");
            }
            else
            {
                var holder = await db.Set<Lawyer>().AsNoTracking().FirstOrDefaultAsync(l => l.LicenceNumber == licence, cancellationToken);
                if (holder is not null && id is not null && holder.Id != id)
                {
                    errors["licenceNumber"] = new($"执业证号 {licence} 已登记给{holder.Name}。", $"Licence number {licence} is already registered to {holder.Name}.");
                }
                else if (holder is not null && id is null)
                {
                    lawyer = await db.Set<Lawyer>().FirstAsync(l => l.Id == holder.Id, cancellationToken);
                }
            }
        }

        long? firmId = null;
        if (Blank(input.Firm) is { } firmName)
        {
            firmId = await db.Set<LawFirm>().Where(f => f.Name == firmName).Select(f => (long?)f.Id).FirstOrDefaultAsync(cancellationToken);
            if (firmId is null)
            {
                errors["firm"] = new($"没有名为“{firmName}”的律师事务所。", $"There is no law firm named '{firmName}'.");
            }
        }

        if (Blank(input.UserName) is { } userName)
        {
            if (userName.Length > 100)
            {
                errors["userName"] = new("不能超过 100 个字符。", "At most 100 characters.");
            }
            else if (users is null || await users.FindByUserNameAsync(userName, cancellationToken) is null)
            {
                errors["userName"] = new($"本区没有用户“{userName}”。", $"The district has no user '{userName}'.");
            }
        }

        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        if (lawyer is null)
        {
            lawyer = new Lawyer();
            db.Add(lawyer);
        }

        lawyer.Name = input.Name.Trim();
        lawyer.FirmId = firmId;
        lawyer.LicenceNumber = licence;
        lawyer.Phone = Blank(input.Phone);
        lawyer.Specialities = Blank(input.Specialities);
        lawyer.UserName = Blank(input.UserName);
        lawyer.TakesAidCases = input.TakesAidCases;
        lawyer.Active = input.Active;
        lawyer.UpdatedUtc = Now;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "lawyer-save", $"lawyer:{lawyer.Id}", $"{lawyer.Name} by {Actor(user)}"), cancellationToken);
        return new(lawyer, errors);
    }

    /// <summary>
    /// Appoints a lawyer as a community's adviser for a term; refused when the term overlaps another of the community,
    /// unless it is the same lawyer's with the same dates (a recipe run again), which is updated instead.
    /// </summary>
    public async Task<AdviserResult<AdviserAssignment>> AssignAsync(AssignmentInput input, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var settings = await settingsStore.GetAsync(cancellationToken);
        var code = (input.Community ?? "").Trim();
        GridUnitInfo? community = null;
        if (code.Length == 0)
        {
            errors["community"] = Required;
        }
        else if ((community = await grid.FindAsync(code, cancellationToken)) is null)
        {
            errors["community"] = new($"本区网格中没有单位“{code}”。", $"The district's grid has no unit '{code}'.");
        }
        else if (community.Depth != settings.CommunityDepth)
        {
            errors["community"] = new($"“{community.Name}”不是社区一级的单位。", $"'{community.Name}' is not a community-level unit.");
        }

        var licence = (input.Licence ?? "").Trim();
        var lawyer = licence.Length == 0 ? null : await db.Set<Lawyer>().AsNoTracking().FirstOrDefaultAsync(l => l.LicenceNumber == licence, cancellationToken);
        if (lawyer is null)
        {
            errors["lawyer"] = licence.Length == 0 ? Required : new($"没有执业证号为 {licence} 的律师。", $"There is no lawyer with licence number {licence}.");
        }
        else if (!lawyer.Active)
        {
            errors["lawyer"] = new($"{lawyer.Name}已停用。", $"{lawyer.Name} is not active.");
        }

        var starts = Date(errors, "startsOn", input.StartsOn);
        var ends = Date(errors, "endsOn", input.EndsOn);
        if (starts is { } s && ends is { } e && e < s)
        {
            errors["endsOn"] = new("任期结束日期不能早于开始日期。", "The term cannot end before it starts.");
        }

        Text(errors, "place", input.Place, 200);
        Text(errors, "hours", input.Hours, 200);
        var (rules, ruleErrors) = (input.Rules ?? new OpeningRulesInput(0, null, null, null, null, null)).Parse();
        foreach (var (key, message) in ruleErrors)
        {
            errors[key] = message;
        }

        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        var unitCode = community!.Code;
        // The overlap check and the insert must not interleave with another admin's for the same community. Inside a
        // transaction (the recipe step's, or our own): PostgreSQL takes a lock keyed by the community for the rest of
        // it; SQLite has one writer at a time and a loser's whole transaction is retried, seeing the winner's term.
        if (db.Database.CurrentTransaction is not null)
        {
            return await SaveTermAsync(input, user, community, lawyer!, starts!.Value, ends!.Value, rules!, cancellationToken);
        }

        return await db.InTransactionAsync(ct => SaveTermAsync(input, user, community, lawyer!, starts!.Value, ends!.Value, rules!, ct), cancellationToken);
    }

    private async Task<AdviserResult<AdviserAssignment>> SaveTermAsync(
        AssignmentInput input, ClaimsPrincipal? user, GridUnitInfo community, Lawyer lawyer, DateOnly starts, DateOnly ends, OpeningRules rules, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var unitCode = community.Code;
        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({AssignLockSpace}, hashtext({unitCode}))", cancellationToken);
        }

        var terms = await db.Set<AdviserAssignment>().Where(a => a.GridUnitCode == unitCode).ToListAsync(cancellationToken);
        var same = terms.FirstOrDefault(a => a.LawyerId == lawyer.Id && a.StartsOn == starts);
        var overlap = terms.Where(a => a != same && a.StartsOn <= ends && a.EndsOn >= starts).OrderBy(a => a.StartsOn).FirstOrDefault();
        if (overlap is not null)
        {
            var other = await db.Set<Lawyer>().Where(l => l.Id == overlap.LawyerId).Select(l => l.Name).FirstAsync(cancellationToken);
            errors[""] = new(
                $"{community.Name}在 {overlap.StartsOn:yyyy-MM-dd} 至 {overlap.EndsOn:yyyy-MM-dd} 已有法律顾问{other}，任期不能重叠。请先提前结束该任期，或调整日期。",
                $"{community.Name} already has an adviser ({other}) from {overlap.StartsOn:yyyy-MM-dd} to {overlap.EndsOn:yyyy-MM-dd}; terms cannot overlap. End that term early or change the dates.");
            return new(null, errors);
        }

        var assignment = same ?? new AdviserAssignment { LawyerId = lawyer.Id, GridUnitCode = unitCode, CreatedBy = Actor(user), CreatedUtc = Now, Version = 0 };
        if (same is null)
        {
            db.Add(assignment);
        }

        assignment.StartsOn = starts;
        // A recipe run again keeps a term that was ended early as it was ended.
        if (same?.EndedReason is null)
        {
            assignment.EndsOn = ends;
        }

        assignment.Place = Blank(input.Place);
        assignment.Hours = Blank(input.Hours);
        OpeningRulesInput.Apply(rules, assignment);
        assignment.UpdatedUtc = Now;
        assignment.Version++;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, same is null ? "adviser-assign" : "adviser-edit", $"assignment:{assignment.Id}",
            $"{lawyer.Name} → {unitCode} {assignment.StartsOn:yyyy-MM-dd}..{assignment.EndsOn:yyyy-MM-dd} by {Actor(user)}"), cancellationToken);
        return new(assignment, errors);
    }

    /// <summary>Ends a term early: its last day becomes <paramref name="on"/> (not before it started, not after it would have ended).</summary>
    public async Task<AdviserResult<AdviserAssignment>> EndEarlyAsync(long id, DateOnly on, string? reason, int version, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var assignment = await db.Set<AdviserAssignment>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assignment is null)
        {
            errors[""] = new("没有这个任期。", "There is no such term.");
            return new(null, errors);
        }

        if (assignment.Version != version)
        {
            errors[""] = new("这个任期刚被他人修改，请刷新页面后再改。", "Someone else changed this term since you opened it; reload the page and try again.");
            return new(null, errors);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = Required;
        }
        else
        {
            Text(errors, "reason", reason, 200);
        }

        if (on < assignment.StartsOn || on > assignment.EndsOn)
        {
            errors["endsOn"] = new($"结束日期须在 {assignment.StartsOn:yyyy-MM-dd} 至 {assignment.EndsOn:yyyy-MM-dd} 之间。", $"The last day must be from {assignment.StartsOn:yyyy-MM-dd} to {assignment.EndsOn:yyyy-MM-dd}.");
        }

        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        assignment.EndsOn = on;
        assignment.EndedReason = reason!.Trim();
        assignment.UpdatedUtc = Now;
        assignment.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            errors[""] = new("这个任期刚被他人修改，请刷新页面后再改。", "Someone else changed this term since you opened it; reload the page and try again.");
            return new(null, errors);
        }

        await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "adviser-end", $"assignment:{assignment.Id}", $"{on:yyyy-MM-dd}: {assignment.EndedReason} by {Actor(user)}"), cancellationToken);
        return new(assignment, errors);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string Actor(ClaimsPrincipal? user) => user?.Identity?.Name ?? "recipe";

    private static void Phone(Dictionary<string, BilingualText> errors, string? phone)
    {
        if (Blank(phone) is { } p && !PhonePattern().IsMatch(p))
        {
            errors["phone"] = new("电话号码只能包含数字、空格和 +-()。", "A phone number has digits, spaces and + - ( ) only.");
        }
    }

    private static DateOnly? Date(Dictionary<string, BilingualText> errors, string key, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[key] = Required;
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[key] = new("日期格式为 yyyy-MM-dd。", "Give the date as yyyy-MM-dd.");
            return null;
        }

        return date;
    }
}
