using System.Globalization;
using System.Text.Json;
using GovPlatform.Forms;
using GovPlatform.Localization;
using GovPlatform.Recipes;
using GovPlatform.RedGrid.Lists;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Pairings;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.RedGrid.Recipes;

/// <summary>
/// The lists of the <c>redgrid</c> step beyond the organisations: resident units (by <c>code</c>) with their resources
/// (by unit and title), members (by organisation and name), needs (by unit and title), pairings (by kind and parties)
/// with their help (by pairing, date and description), and service centres (by <c>code</c>) with their activities (by
/// centre, title and start). Each entry is checked by the editors' rules; the step writes through the context itself
/// so that it records one audit event and keeps everything in its one transaction. Entries the list does not name are
/// left alone; an unchanged entry is not touched (no new version, no new time stamp).
/// </summary>
internal sealed partial class RedGridRecipeStep
{
    private const int MaxProblems = 1000;

    private async Task<(int Units, int Resources)> ResidentUnitsAsync(List<ResidentUnitEntry> entries, List<string> errors, CancellationToken ct)
    {
        var units = (await db.Set<ResidentUnit>().ToListAsync(ct)).ToDictionary(u => u.Code, StringComparer.Ordinal);
        var organisationIds = await db.Set<PartyOrganisation>().AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Id, StringComparer.Ordinal, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var resourceLists = new List<(ResidentUnit Unit, string Where, List<ResourceEntry> Entries)>();
        var changedUnits = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = $"residentUnits[{i}] ({e.Code})";
            var found = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
            var code = (e.Code ?? "").Trim();
            if (!ListsInput.CodePattern().IsMatch(code))
            {
                found["code"] = new("代码由 2–64 个字母、数字和连字符组成。", "The code has 2–64 letters, digits and hyphens.");
            }
            else if (!seen.Add(code))
            {
                found["code"] = new("列表中代码重复。", "The list gives this code twice.");
            }

            var kind = ListsInput.Enum<ResidentUnitKind>(found, "kind", e.Kind, new("请选择单位类型。", "Choose the kind of unit."));
            FieldChecks.Text(found, "name", e.Name, 100, required: true);
            FieldChecks.Text(found, "address", e.Address, 200);
            FieldChecks.Text(found, "contact", e.Contact, 50);
            if (FieldChecks.Blank(e.Phone) is { } phone && !ListsInput.PhonePattern().IsMatch(phone))
            {
                found["phone"] = new("电话号码只能包含数字、空格和 +-()。", "A phone number has digits, spaces and + - ( ) only.");
            }

            var unitCode = await GridUnitAsync(found, e.GridUnit, 0, ct);
            Coordinates(found, e.Longitude, e.Latitude);
            long? organisationId = null;
            if (FieldChecks.Blank(e.Organisation) is { } organisationCode)
            {
                if (organisationIds.TryGetValue(organisationCode, out var id))
                {
                    organisationId = id;
                }
                else
                {
                    found["organisation"] = new($"没有代码为“{organisationCode}”的党组织。", $"No organisation has the code '{organisationCode}'.");
                }
            }

            if (found.Count > 0)
            {
                errors.AddRange(found.Select(f => $"{where}.{f.Key}: {f.Value.English}"));
                continue;
            }

            if (!units.TryGetValue(code, out var unit))
            {
                unit = new ResidentUnit { Code = code, Version = 0 };
                db.Add(unit);
                units[code] = unit;
            }

            var before = (unit.Name, unit.Kind, unit.GridUnitCode, unit.Address, unit.Longitude, unit.Latitude, unit.Contact, unit.Phone, unit.Active, unit.OrganisationId);
            var after = (e.Name!.Trim(), kind!.Value, unitCode!, FieldChecks.Blank(e.Address), e.Longitude, e.Latitude, FieldChecks.Blank(e.Contact), FieldChecks.Blank(e.Phone), e.Active ?? true, organisationId);
            if (unit.Version == 0 || before != after)
            {
                (unit.Name, unit.Kind, unit.GridUnitCode, unit.Address, unit.Longitude, unit.Latitude, unit.Contact, unit.Phone, unit.Active, unit.OrganisationId) = after;
                unit.Version++;
                unit.UpdatedUtc = now;
                changedUnits++;
            }

            resourceLists.Add((unit, where, e.Resources ?? []));
        }

        if (errors.Count > 0)
        {
            return (0, 0);
        }

        // The new units get their ids here: the resources point at them.
        await db.SaveChangesAsync(ct);
        var resources = (await db.Set<UnitResource>().ToListAsync(ct)).ToDictionary(r => (r.ResidentUnitId, r.Title));
        var changedResources = 0;
        foreach (var (unit, unitWhere, list) in resourceLists)
        {
            var titles = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < list.Count; j++)
            {
                var r = list[j];
                var where = $"{unitWhere}.resources[{j}] ({r.Title})";
                var found = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
                var type = ListsInput.Enum<ResourceType>(found, "type", r.Type, new("请选择资源类型。", "Choose the type of resource."));
                FieldChecks.Text(found, "title", r.Title, 100, required: true);
                FieldChecks.Text(found, "description", r.Description, 2000);
                FieldChecks.Text(found, "unit", r.Unit, 10);
                if (r.Quantity is < 0 or > 1_000_000_000_000)
                {
                    found["quantity"] = new("请填写 0 到 1000000000000 之间的整数。", "Give a whole number from 0 to 1000000000000.");
                }

                var title = (r.Title ?? "").Trim();
                if (found.Count == 0 && !titles.Add(title))
                {
                    found["title"] = new("这个单位的资源标题重复。", "The unit lists this resource twice.");
                }

                if (found.Count > 0)
                {
                    errors.AddRange(found.Select(f => $"{where}.{f.Key}: {f.Value.English}"));
                    continue;
                }

                var isNew = !resources.TryGetValue((unit.Id, title), out var resource);
                if (resource is null)
                {
                    resource = new UnitResource { ResidentUnitId = unit.Id, Title = title, CreatedUtc = now };
                    db.Add(resource);
                    resources[(unit.Id, title)] = resource;
                }

                var before = (resource.Type, resource.Description, resource.Quantity, resource.Unit, resource.GridUnitCode, resource.Available);
                var after = (type!.Value, FieldChecks.Blank(r.Description), r.Quantity ?? 0, FieldChecks.Blank(r.Unit), unit.GridUnitCode, r.Available ?? true);
                if (isNew || before != after)
                {
                    (resource.Type, resource.Description, resource.Quantity, resource.Unit, resource.GridUnitCode, resource.Available) = after;
                    resource.UpdatedUtc = now;
                    changedResources++;
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return (changedUnits, changedResources);
    }

    private async Task<int> MembersAsync(List<MemberEntry> entries, List<string> errors, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return 0;
        }

        var organisationsByCode = await db.Set<PartyOrganisation>().AsNoTracking().ToDictionaryAsync(o => o.Code, StringComparer.Ordinal, ct);
        var members = (await db.Set<PartyMember>().Where(m => m.OrganisationId != null).ToListAsync(ct))
            .GroupBy(m => (m.OrganisationId!.Value, m.Name)).ToDictionary(g => g.Key, g => g.First());
        var now = clock.GetUtcNow().UtcDateTime;
        var seen = new HashSet<(long, string)>();
        var changed = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = $"members[{i}] ({e.Name})";
            var found = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
            FieldChecks.Text(found, "name", e.Name, 50, required: true);
            FieldChecks.Text(found, "employer", e.Employer, 100);
            var kind = ListsInput.Enum<MemberKind>(found, "kind", e.Kind, new("请选择党员类别。", "Choose the kind of member."));
            if (kind == MemberKind.InService && FieldChecks.Blank(e.Employer) is null)
            {
                found["employer"] = new("在职党员须填写工作单位。", "Give an in-service member's employer.");
            }

            var joined = ListsInput.Date(found, "joinedOn", e.JoinedOn);
            var unitCode = await GridUnitAsync(found, e.GridUnit, 0, ct);
            var organisation = FieldChecks.Blank(e.Organisation) is { } code ? organisationsByCode.GetValueOrDefault(code) : null;
            if (organisation is not { Active: true })
            {
                found["organisation"] = new($"没有代码为“{e.Organisation}”的在用党组织。", $"No active organisation has the code '{e.Organisation}'.");
            }

            var name = (e.Name ?? "").Trim();
            if (found.Count == 0 && !seen.Add((organisation!.Id, name)))
            {
                found["name"] = new("列表中这名党员重复。", "The list gives this member twice.");
            }

            if (found.Count > 0)
            {
                errors.AddRange(found.Select(f => $"{where}.{f.Key}: {f.Value.English}"));
                continue;
            }

            if (!members.TryGetValue((organisation!.Id, name), out var member))
            {
                member = new PartyMember { Name = name, OrganisationId = organisation.Id, Status = MemberStatus.Active, Version = 0 };
                db.Add(member);
                members[(organisation.Id, name)] = member;
            }

            var before = (member.Kind, member.GridUnitCode, member.Employer, member.JoinedOn);
            var after = (kind!.Value, unitCode!, FieldChecks.Blank(e.Employer), joined);
            if (member.Version == 0 || before != after)
            {
                (member.Kind, member.GridUnitCode, member.Employer, member.JoinedOn) = after;
                member.Version++;
                member.UpdatedUtc = now;
                changed++;
            }
        }

        await db.SaveChangesAsync(ct);
        return changed;
    }

    private async Task<int> NeedsAsync(List<NeedEntry> entries, RedGridSettings settings, List<string> errors, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return 0;
        }

        var needs = (await db.Set<CommunityNeed>().ToListAsync(ct)).GroupBy(n => (n.GridUnitCode, n.Title)).ToDictionary(g => g.Key, g => g.First());
        var now = clock.GetUtcNow().UtcDateTime;
        var seen = new HashSet<(string, string)>();
        var changed = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = $"needs[{i}] ({e.Title})";
            var found = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
            var type = ListsInput.Enum<ResourceType>(found, "type", e.Type, new("请选择需求类型。", "Choose the type of need."));
            FieldChecks.Text(found, "title", e.Title, 100, required: true);
            FieldChecks.Text(found, "description", e.Description, 2000);
            FieldChecks.Text(found, "publishedBy", e.PublishedBy, 100);
            // Matched belongs to a project: a recipe publishes needs open, or closed (met before the site).
            var status = string.IsNullOrWhiteSpace(e.Status) ? NeedStatus.Open : ListsInput.Enum<NeedStatus>(found, "status", e.Status, new("状态为 Open 或 Closed。", "The status is Open or Closed."));
            if (status == NeedStatus.Matched)
            {
                found["status"] = new("状态为 Open 或 Closed。", "The status is Open or Closed.");
            }

            var unitCode = await GridUnitAsync(found, e.GridUnit, settings.CommunityDepth, ct);
            var title = (e.Title ?? "").Trim();
            if (found.Count == 0 && !seen.Add((unitCode!, title)))
            {
                found["title"] = new("列表中这条需求重复。", "The list gives this need twice.");
            }

            if (found.Count > 0)
            {
                errors.AddRange(found.Select(f => $"{where}.{f.Key}: {f.Value.English}"));
                continue;
            }

            if (!needs.TryGetValue((unitCode!, title), out var need))
            {
                need = new CommunityNeed { GridUnitCode = unitCode!, Title = title, PublishedBy = FieldChecks.Blank(e.PublishedBy) ?? "recipe", PublishedUtc = now, Version = 0 };
                db.Add(need);
                needs[(unitCode!, title)] = need;
            }

            // A need a project took since keeps its state: the project owns it now.
            var newStatus = need.Status == NeedStatus.Matched && need.Version > 0 ? NeedStatus.Matched : status!.Value;
            var before = (need.Type, need.Description, need.Status);
            var after = (type!.Value, FieldChecks.Blank(e.Description), newStatus);
            if (need.Version == 0 || before != after)
            {
                (need.Type, need.Description, need.Status) = after;
                need.Version++;
                need.UpdatedUtc = now;
                changed++;
            }
        }

        await db.SaveChangesAsync(ct);
        return changed;
    }

    private async Task<int> PairingsAsync(List<PairingEntry> entries, RedGridSettings settings, List<string> errors, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return 0;
        }

        var organisationIds = await db.Set<PartyOrganisation>().AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Id, StringComparer.Ordinal, ct);
        var members = (await db.Set<PartyMember>().AsNoTracking().Where(m => m.OrganisationId != null).Select(m => new { m.Id, m.OrganisationId, m.Name }).ToListAsync(ct))
            .GroupBy(m => (m.OrganisationId!.Value, m.Name)).ToDictionary(g => g.Key, g => g.First().Id);
        var pairings = await db.Set<Models.Pairing>().ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var helpLists = new List<(Models.Pairing Pairing, string Where, List<HelpEntry> Entries)>();
        var changed = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = $"pairings[{i}] ({e.Organisation ?? e.Member} – {e.GridUnit})";
            var found = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
            var kind = ListsInput.Enum<PairingKind>(found, "kind", e.Kind, new("请选择结对类型。", "Choose the kind of pairing."));
            var unitCode = await GridUnitAsync(found, e.GridUnit, settings.CommunityDepth, ct, exactDepth: true);
            long? organisationId = null;
            long? memberId = null;
            string? household = null;
            if (kind == PairingKind.BranchCommunity)
            {
                if (FieldChecks.Blank(e.Organisation) is not { } code || !organisationIds.TryGetValue(code, out var id))
                {
                    found["organisation"] = new($"没有代码为“{e.Organisation}”的党组织。", $"There is no party organisation with the code '{e.Organisation}'.");
                }
                else
                {
                    organisationId = id;
                }
            }
            else if (kind == PairingKind.MemberHousehold)
            {
                if (FieldChecks.Blank(e.MemberOrganisation) is not { } code || !organisationIds.TryGetValue(code, out var orgId)
                    || !members.TryGetValue((orgId, (e.Member ?? "").Trim()), out var id))
                {
                    found["member"] = new($"党组织“{e.MemberOrganisation}”中没有党员“{e.Member}”。", $"The organisation '{e.MemberOrganisation}' has no member '{e.Member}'.");
                }
                else
                {
                    memberId = id;
                }

                FieldChecks.Text(found, "household", e.Household, 100, required: true);
                household = FieldChecks.Blank(e.Household);
            }

            var starts = ListsInput.Date(found, "startsOn", e.StartsOn, required: true);
            var ends = ListsInput.Date(found, "endsOn", e.EndsOn);
            if (starts is { } s && ends is { } end && end < s)
            {
                found["endsOn"] = new("结束日期不能早于开始日期。", "The end cannot be before the start.");
            }

            // The parties: a branch with a community, or a member with a household.
            var key = kind == PairingKind.BranchCommunity ? $"b:{organisationId}:{unitCode}" : $"m:{memberId}:{household}";
            if (found.Count == 0 && !seen.Add(key))
            {
                found["kind"] = new("列表中这对结对重复。", "The list gives this pairing twice.");
            }

            if (found.Count > 0)
            {
                errors.AddRange(found.Select(f => $"{where}.{f.Key}: {f.Value.English}"));
                continue;
            }

            var pairing = pairings.FirstOrDefault(p => p.Kind == kind && (kind == PairingKind.BranchCommunity
                ? p.OrganisationId == organisationId && p.GridUnitCode == unitCode
                : p.MemberId == memberId && p.Household == household));
            var isNew = pairing is null;
            if (pairing is null)
            {
                pairing = new Models.Pairing { Kind = kind!.Value, OrganisationId = organisationId, MemberId = memberId, Household = household, CreatedUtc = now };
                db.Add(pairing);
                pairings.Add(pairing);
            }

            var before = (pairing.GridUnitCode, pairing.StartsOn, pairing.EndsOn);
            var after = (unitCode!, starts!.Value, ends);
            if (isNew || before != after)
            {
                (pairing.GridUnitCode, pairing.StartsOn, pairing.EndsOn) = after;
                changed++;
            }

            helpLists.Add((pairing, where, e.Help ?? []));
        }

        if (errors.Count > 0)
        {
            return 0;
        }

        await db.SaveChangesAsync(ct);
        var helps = (await db.Set<PairingHelp>().ToListAsync(ct)).GroupBy(h => (h.PairingId, h.GivenOn, h.Description)).ToDictionary(g => g.Key, g => g.First());
        foreach (var (pairing, pairingWhere, list) in helpLists)
        {
            var keys = new HashSet<(DateOnly, string)>();
            for (var j = 0; j < list.Count; j++)
            {
                var h = list[j];
                var where = $"{pairingWhere}.help[{j}] ({h.GivenOn})";
                var found = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
                var kind = ListsInput.Enum<HelpKind>(found, "kind", h.Kind, new("请选择帮扶类型。", "Choose the kind of help."));
                var valued = kind is HelpKind.Money or HelpKind.Goods;
                long fen = 0;
                if (h.Amount is { } yuan)
                {
                    if (decimal.Round(yuan, 2) != yuan || yuan < 0)
                    {
                        found["amount"] = new("请填写金额（元），不能为负，最多两位小数。", "Give the amount in yuan, not negative, with at most two decimals.");
                    }
                    else if (!valued && yuan != 0)
                    {
                        found["amount"] = new("只有资金和物资有金额。", "Only money and goods have an amount.");
                    }
                    else
                    {
                        fen = (long)(yuan * 100);
                    }
                }

                if (valued && !found.ContainsKey("amount") && (fen <= 0 || fen > PairingService.MaxAmountFen))
                {
                    found["amount"] = new("金额须大于 0、不超过 1 亿元。", "The amount is more than 0 and at most ¥100,000,000.");
                }

                var problems = h.Problems ?? (kind == HelpKind.Problem ? 1 : 0);
                if (problems is < 0 or > MaxProblems)
                {
                    found["problems"] = new("请填写 0–1000 之间的整数。", "Give a whole number from 0 to 1000.");
                }

                FieldChecks.Text(found, "description", h.Description, 500, required: true);
                var given = ListsInput.Date(found, "givenOn", h.GivenOn, required: true);
                if (given is { } g && (g > today || g < pairing.StartsOn || (pairing.EndsOn is { } end && g > end)))
                {
                    found["givenOn"] = g > today ? new("日期不能晚于今天。", "The date cannot be after today.") : new("日期须在结对期间内。", "The date must fall within the pairing.");
                }

                var description = (h.Description ?? "").Trim();
                if (found.Count == 0 && !keys.Add((given!.Value, description)))
                {
                    found["description"] = new("同一天的帮扶记录重复。", "The pairing lists this help twice on the same day.");
                }

                if (found.Count > 0)
                {
                    errors.AddRange(found.Select(f => $"{where}.{f.Key}: {f.Value.English}"));
                    continue;
                }

                var isNew = !helps.TryGetValue((pairing.Id, given!.Value, description), out var help);
                if (help is null)
                {
                    help = new PairingHelp { PairingId = pairing.Id, GivenOn = given.Value, Description = description, RecordedBy = "recipe", RecordedUtc = now };
                    db.Add(help);
                    helps[(pairing.Id, given.Value, description)] = help;
                }

                var before = (help.Kind, help.AmountFen, help.Problems, help.GridUnitCode);
                var after = (kind!.Value, fen, problems, pairing.GridUnitCode);
                if (isNew || before != after)
                {
                    (help.Kind, help.AmountFen, help.Problems, help.GridUnitCode) = after;
                    changed++;
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return changed;
    }

    private async Task<int> CentresAsync(List<CentreEntry> entries, TimeZoneInfo timeZone, List<string> errors, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return 0;
        }

        var centres = (await db.Set<ServiceCentre>().ToListAsync(ct)).ToDictionary(c => c.Code, StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var activityLists = new List<(ServiceCentre Centre, string Where, List<ActivityEntry> Entries)>();
        var changed = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = $"centres[{i}] ({e.Code})";
            var found = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
            var code = (e.Code ?? "").Trim();
            if (!CentreCodePattern().IsMatch(code))
            {
                found["code"] = new("代码由 2–64 个小写字母、数字和连字符组成。", "The code has 2–64 lower-case letters, digits and hyphens.");
            }
            else if (!seen.Add(code))
            {
                found["code"] = new("列表中代码重复。", "The list gives this code twice.");
            }

            var level = ListsInput.Enum<CentreLevel>(found, "level", e.Level, new("请选择层级。", "Choose the level."));
            FieldChecks.Text(found, "name", e.Name, 100, required: true);
            FieldChecks.Text(found, "address", e.Address, 200, required: true);
            FieldChecks.Text(found, "hours", e.Hours, 200);
            FieldChecks.Text(found, "description", e.Description, 2000);
            // One service per line, as the editor keeps them.
            var services = FieldChecks.Blank(string.Join('\n', (e.Services ?? []).Select(s => (s ?? "").Trim()).Where(s => s.Length > 0)));
            FieldChecks.Text(found, "services", services, 2000);
            if (FieldChecks.Blank(e.Phone) is { } phone && !ListsInput.PhonePattern().IsMatch(phone))
            {
                found["phone"] = new("电话号码只能包含数字、空格和 +-()。", "A phone number has digits, spaces and + - ( ) only.");
            }

            var unitCode = await GridUnitAsync(found, e.GridUnit, 0, ct);
            Coordinates(found, e.Longitude, e.Latitude);
            if (found.Count > 0)
            {
                errors.AddRange(found.Select(f => $"{where}.{f.Key}: {f.Value.English}"));
                continue;
            }

            if (!centres.TryGetValue(code, out var centre))
            {
                centre = new ServiceCentre { Code = code, Version = 0 };
                db.Add(centre);
                centres[code] = centre;
            }

            var before = (centre.Level, centre.Name, centre.GridUnitCode, centre.Address, centre.Longitude, centre.Latitude, centre.Hours, centre.Phone, centre.Services, centre.Description, centre.Active);
            var after = (level!.Value, e.Name!.Trim(), unitCode!, e.Address!.Trim(), e.Longitude, e.Latitude, FieldChecks.Blank(e.Hours), FieldChecks.Blank(e.Phone), services, FieldChecks.Blank(e.Description), e.Active ?? true);
            if (centre.Version == 0 || before != after)
            {
                (centre.Level, centre.Name, centre.GridUnitCode, centre.Address, centre.Longitude, centre.Latitude, centre.Hours, centre.Phone, centre.Services, centre.Description, centre.Active) = after;
                centre.Version++;
                centre.UpdatedUtc = now;
                changed++;
            }

            activityLists.Add((centre, where, e.Activities ?? []));
        }

        if (errors.Count > 0)
        {
            return 0;
        }

        await db.SaveChangesAsync(ct);
        var activities = (await db.Set<CentreActivity>().ToListAsync(ct)).GroupBy(a => (a.CentreId, a.Title, a.StartsUtc)).ToDictionary(g => g.Key, g => g.First());
        foreach (var (centre, centreWhere, list) in activityLists)
        {
            for (var j = 0; j < list.Count; j++)
            {
                var a = list[j];
                var where = $"{centreWhere}.activities[{j}] ({a.Title})";
                var found = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
                FieldChecks.Text(found, "title", a.Title, 100, required: true);
                FieldChecks.Text(found, "place", a.Place, 200);
                FieldChecks.Text(found, "description", a.Description, 2000);
                DateTime startsUtc = default;
                if (!DateTime.TryParseExact((a.StartsAt ?? "").Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                {
                    found["startsAt"] = new("请填写开始时间，如 2026-12-01 09:30。", "Give the start, such as 2026-12-01 09:30.");
                }
                else
                {
                    startsUtc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), timeZone);
                }

                if (found.Count > 0)
                {
                    errors.AddRange(found.Select(f => $"{where}.{f.Key}: {f.Value.English}"));
                    continue;
                }

                var key = (centre.Id, a.Title!.Trim(), startsUtc);
                var isNew = !activities.TryGetValue(key, out var activity);
                if (activity is null)
                {
                    activity = new CentreActivity { CentreId = centre.Id, Title = key.Item2, StartsUtc = startsUtc, CreatedUtc = now };
                    db.Add(activity);
                    activities[key] = activity;
                }

                var before = (activity.Place, activity.Description, activity.Published);
                var after = (FieldChecks.Blank(a.Place), FieldChecks.Blank(a.Description), a.Published ?? true);
                if (isNew || before != after)
                {
                    (activity.Place, activity.Description, activity.Published) = after;
                    changed++;
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>The unit's code when the grid has it (at <paramref name="depth"/> or below, or exactly at it; 0: any level).</summary>
    private async Task<string?> GridUnitAsync(Dictionary<string, BilingualText> found, string? text, int depth, CancellationToken ct, bool exactDepth = false)
    {
        var code = (text ?? "").Trim();
        if (code.Length == 0)
        {
            found["gridUnit"] = ListsInput.Required;
            return null;
        }

        if (await grid.FindAsync(code, ct) is not { } unit)
        {
            found["gridUnit"] = new($"本区网格中没有单位“{code}”。", $"The district's grid has no unit '{code}'.");
            return null;
        }

        if (depth > 0 && (exactDepth ? unit.Depth != depth : unit.Depth < depth))
        {
            found["gridUnit"] = exactDepth ? new("请选择一个社区。", "Choose a community.") : new("请选择社区或网格。", "Choose a community or a grid.");
            return null;
        }

        return unit.Code;
    }

    private static void Coordinates(Dictionary<string, BilingualText> found, double? longitude, double? latitude)
    {
        if (longitude is { } x && (!double.IsFinite(x) || Math.Abs(x) > 180))
        {
            found["longitude"] = new("请填写 -180 到 180 之间的数。", "Give a number from -180 to 180.");
        }

        if (latitude is { } y && (!double.IsFinite(y) || Math.Abs(y) > 90))
        {
            found["latitude"] = new("请填写 -90 到 90 之间的数。", "Give a number from -90 to 90.");
        }

        if (longitude is null != latitude is null)
        {
            found[longitude is null ? "longitude" : "latitude"] = new("经度和纬度要么都填，要么都不填。", "Give both the longitude and the latitude, or neither.");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CentreCodePattern();

    /// <summary>The lists as read from the step and its file.</summary>
    private sealed class Lists
    {
        public List<ResidentUnitEntry> ResidentUnits { get; } = [];

        public List<MemberEntry> Members { get; } = [];

        public List<NeedEntry> Needs { get; } = [];

        public List<PairingEntry> Pairings { get; } = [];

        public List<CentreEntry> Centres { get; } = [];

        public void Read(RecipeStepInput input, JsonElement source)
        {
            ResidentUnits.AddRange(input.ReadList<ResidentUnitEntry>(source, "residentUnits", Json));
            Members.AddRange(input.ReadList<MemberEntry>(source, "members", Json));
            Needs.AddRange(input.ReadList<NeedEntry>(source, "needs", Json));
            Pairings.AddRange(input.ReadList<PairingEntry>(source, "pairings", Json));
            Centres.AddRange(input.ReadList<CentreEntry>(source, "centres", Json));
        }
    }

    private sealed record ResourceEntry(string? Type, string? Title, string? Description, long? Quantity, string? Unit, bool? Available);

    private sealed record ResidentUnitEntry(
        string? Code, string? Name, string? Kind, string? GridUnit, string? Address, double? Longitude, double? Latitude, string? Contact, string? Phone, bool? Active,
        string? Organisation, List<ResourceEntry>? Resources);

    private sealed record MemberEntry(string? Name, string? Kind, string? Organisation, string? GridUnit, string? Employer, string? JoinedOn);

    private sealed record NeedEntry(string? GridUnit, string? Type, string? Title, string? Description, string? Status, string? PublishedBy);

    private sealed record HelpEntry(string? Kind, decimal? Amount, int? Problems, string? Description, string? GivenOn);

    private sealed record PairingEntry(
        string? Kind, string? Organisation, string? Member, string? MemberOrganisation, string? Household, string? GridUnit, string? StartsOn, string? EndsOn, List<HelpEntry>? Help);

    private sealed record ActivityEntry(string? Title, string? StartsAt, string? Place, string? Description, bool? Published);

    private sealed record CentreEntry(
        string? Code, string? Level, string? Name, string? GridUnit, string? Address, double? Longitude, double? Latitude, string? Hours, string? Phone, List<string>? Services,
        string? Description, bool? Active, List<ActivityEntry>? Activities);
}
