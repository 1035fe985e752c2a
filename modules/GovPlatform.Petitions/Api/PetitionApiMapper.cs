using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Services;

namespace GovPlatform.Petitions.Api;

/// <summary>
/// Petitions as the API shows them. Codes (stages, channels, actions) are camelCase names that never change; names
/// beside them are in the request's language. Times are UTC (<c>Z</c>). Every property is always present, null when it
/// has no value, so that clients can rely on one shape. The public view (<see cref="Status"/>) is built only from
/// <see cref="PublicPetitionView"/>, which holds nothing internal.
/// </summary>
internal static class PetitionApiMapper
{
    /// <summary>The API's JSON: camelCase, Chinese text as it is (HTML-sensitive characters stay escaped).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Grid unit names by code (units the answer mentions), in the request's language.</summary>
    public delegate string? UnitName(string? code);

    public static string Code<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The answer to an intake: no id unless the caller may open the petition.</summary>
    public static JsonObject Receipt(Petition petition, bool withId)
    {
        var json = new JsonObject();
        if (withId)
        {
            json["id"] = petition.Id;
        }

        json["trackingNumber"] = petition.TrackingNumber;
        json["channel"] = Code(petition.Channel);
        json["stage"] = Code(petition.Stage);
        json["receivedUtc"] = Utc(petition.ReceivedUtc);
        json["dueUtc"] = Utc(petition.DueUtc);
        json["possibleDuplicate"] = petition.PossibleDuplicateOfId is not null;
        return json;
    }

    /// <summary>What the citizen sees (tracking number and phone given): the public view and nothing else.</summary>
    public static JsonObject Status(PublicPetitionView view, CultureInfo culture) => new()
    {
        ["trackingNumber"] = view.TrackingNumber,
        ["stage"] = Code(view.Stage),
        ["stageName"] = view.StageName.For(culture),
        ["categoryName"] = view.CategoryName,
        ["title"] = view.Title,
        ["description"] = view.Description,
        ["receivedUtc"] = Utc(view.ReceivedUtc),
        ["dueUtc"] = Utc(view.DueUtc),
        ["completedUtc"] = Utc(view.CompletedUtc),
        ["closedUtc"] = Utc(view.ClosedUtc),
        ["handlingUnitName"] = view.HandlingUnitName,
        ["publicReply"] = view.PublicReply,
        ["rejectReason"] = view.RejectReason,
        ["mergedIntoTrackingNumber"] = view.MergedIntoTrackingNumber,
        ["satisfaction"] = view.Satisfaction,
        ["canRate"] = view.CanRate,
        ["canReopen"] = view.CanReopen,
        ["steps"] = new JsonArray([.. view.Steps.Select(s => (JsonNode)new JsonObject
        {
            ["atUtc"] = Utc(s.AtUtc),
            ["actionName"] = s.Action.For(culture),
            ["stageName"] = s.Stage.For(culture),
            ["unitName"] = s.UnitName,
            ["publicNote"] = s.PublicNote,
        })]),
    };

    /// <summary>A row of the staff list.</summary>
    public static JsonObject Summary(Petition p, PetitionCatalog catalog, UnitName units, DateTime now, CultureInfo culture) => new()
    {
        ["id"] = p.Id,
        ["trackingNumber"] = p.TrackingNumber,
        ["version"] = p.Version,
        ["title"] = p.Title,
        ["channel"] = Code(p.Channel),
        ["stage"] = Code(p.Stage),
        ["stageName"] = PetitionNames.Stage(p.Stage).For(culture),
        ["categoryCode"] = p.CategoryCode,
        ["categoryName"] = catalog.NameOf(p.CategoryCode, culture),
        ["gridUnitCode"] = p.GridUnitCode,
        ["gridUnitName"] = units(p.GridUnitCode),
        ["handlingUnitCode"] = p.HandlingUnitCode,
        ["handlingUnitName"] = units(p.HandlingUnitCode),
        ["receivedUtc"] = Utc(p.ReceivedUtc),
        ["dueUtc"] = Utc(p.DueUtc),
        ["completedUtc"] = Utc(p.CompletedUtc),
        ["closedUtc"] = Utc(p.ClosedUtc),
        ["overdue"] = IsOverdue(p, now),
        ["dueSoon"] = IsDueSoon(p, now),
        ["possibleDuplicateOfId"] = p.PossibleDuplicateOfId,
    };

    /// <summary>The whole case for staff: every field, co-handlers, attachments, the full timeline and the actions the caller may take now.</summary>
    public static JsonObject Detail(
        Petition p, IReadOnlyList<PetitionEvent> events, IReadOnlyList<PetitionAttachment> attachments, IReadOnlyList<PetitionCoHandler> coHandlers,
        IReadOnlyList<PetitionTrigger> allowed, PetitionCatalog catalog, UnitName units, DateTime now, CultureInfo culture, string pathBase)
    {
        var json = Summary(p, catalog, units, now, culture);
        json["channelName"] = PetitionNames.Channel(p.Channel).For(culture);
        json["description"] = p.Description;
        json["longitude"] = p.Longitude;
        json["latitude"] = p.Latitude;
        json["address"] = p.Address;
        json["contactName"] = p.ContactName;
        json["contactPhone"] = p.ContactPhone;
        json["peopleInvolved"] = p.PeopleInvolved;
        json["onTheSpotHandling"] = p.OnTheSpotHandling;
        json["receptionOpinion"] = p.ReceptionOpinion;
        json["firstResponder"] = p.FirstResponder;
        json["handlingDepartment"] = p.HandlingDepartment;
        json["handlingDepartmentName"] = p.HandlingDepartment is { } department ? catalog.DepartmentName(department, culture) : null;
        json["room"] = p.Room;
        json["roomName"] = p.Room is { } room ? PetitionNames.Room(room).For(culture) : null;
        json["roomReference"] = p.RoomReference;
        json["pendingTransferDepartment"] = p.PendingTransferDepartment;
        json["supervisingUnitCode"] = p.SupervisingUnitCode;
        json["escalationCount"] = p.EscalationCount;
        json["reopenCount"] = p.ReopenCount;
        json["warnAtUtc"] = Utc(p.WarnAtUtc);
        json["warnedUtc"] = Utc(p.WarnedUtc);
        json["overdueUtc"] = Utc(p.OverdueUtc);
        json["updatedUtc"] = Utc(p.UpdatedUtc);
        json["satisfaction"] = p.Satisfaction;
        json["resolved"] = p.Resolved;
        json["citizenComment"] = p.CitizenComment;
        json["publicReply"] = p.PublicReply;
        json["rejectReason"] = p.RejectReason;
        json["mergedIntoId"] = p.MergedIntoId;
        json["coHandlers"] = new JsonArray([.. coHandlers.Select(c => (JsonNode)new JsonObject
        {
            ["department"] = c.Department,
            ["departmentName"] = catalog.DepartmentName(c.Department, culture),
            ["isLead"] = c.IsLead,
            ["addedUtc"] = Utc(c.AddedUtc),
            ["reportedUtc"] = Utc(c.ReportedUtc),
            ["report"] = c.Report,
            ["reportedBy"] = c.ReportedBy,
        })]);
        json["attachments"] = new JsonArray([.. attachments.Select(a => (JsonNode)new JsonObject
        {
            ["id"] = a.Id,
            ["eventSequence"] = events.FirstOrDefault(e => e.Id == a.EventId)?.Sequence,
            ["fileName"] = a.FileName,
            ["contentType"] = a.ContentType,
            ["length"] = a.Length,
            ["uploadedUtc"] = Utc(a.UploadedUtc),
            ["uploadedBy"] = a.UploadedBy,
            ["url"] = $"{pathBase}/admin/petitions/{p.Id}/attachments/{a.Id}",
        })]);
        json["events"] = new JsonArray([.. events.Select(e => (JsonNode)new JsonObject
        {
            ["sequence"] = e.Sequence,
            ["atUtc"] = Utc(e.AtUtc),
            ["action"] = JsonNamingPolicy.CamelCase.ConvertName(e.Action),
            ["actionName"] = PetitionNames.Action(e.Action).For(culture),
            ["fromStage"] = Code(e.FromStage),
            ["toStage"] = Code(e.ToStage),
            ["actor"] = e.Actor,
            ["actorName"] = e.ActorName,
            ["fromUnitCode"] = e.FromUnitCode,
            ["unitCode"] = e.UnitCode,
            ["unitName"] = units(e.UnitCode),
            ["department"] = e.Department,
            ["room"] = e.Room,
            ["note"] = e.Note,
            ["publicNote"] = e.PublicNote,
        })]);
        json["allowedActions"] = new JsonArray([.. allowed.Select(t =>
        {
            var (required, optional) = PetitionApiActions.Fields(t);
            return (JsonNode)new JsonObject
            {
                ["action"] = PetitionApiActions.Name(t),
                ["name"] = PetitionNames.Trigger(t).For(culture),
                ["required"] = new JsonArray([.. required.Select(f => (JsonNode)f)]),
                ["optional"] = new JsonArray([.. optional.Select(f => (JsonNode)f)]),
            };
        })]);
        return json;
    }

    /// <summary>The duty list (active categories and their active items) and the active departments.</summary>
    public static JsonObject Categories(PetitionCatalog catalog, CultureInfo culture)
    {
        JsonObject Category(PetitionCategory c, bool withItems)
        {
            var json = new JsonObject
            {
                ["code"] = c.Code,
                ["name"] = PetitionCatalog.Name(c, culture),
                ["names"] = Names(c.Name, c.EnglishName),
                ["selectable"] = catalog.IsSelectable(c),
                ["department"] = c.Department,
                ["deadline"] = c.DeadlineAmount > 0
                    ? new JsonObject { ["amount"] = c.DeadlineAmount, ["unit"] = Code(c.DeadlineUnit), ["text"] = PetitionCatalogEditor.FormatDeadline(c) }
                    : null,
                ["onTheSpot"] = c.OnTheSpot,
            };
            if (withItems)
            {
                json["items"] = new JsonArray([.. catalog.ItemsOf(c.Code).Where(i => i.Active).Select(i => (JsonNode)Category(i, false))]);
            }

            return json;
        }

        return new JsonObject
        {
            ["categories"] = new JsonArray([.. catalog.Roots.Where(c => c.Active).Select(c => (JsonNode)Category(c, true))]),
            ["departments"] = new JsonArray([.. catalog.Departments.Where(d => d.Active).Select(d => (JsonNode)new JsonObject
            {
                ["code"] = d.Code,
                ["name"] = culture.TwoLetterISOLanguageName == "en" && d.EnglishName.Length > 0 ? d.EnglishName : d.Name,
                ["names"] = Names(d.Name, d.EnglishName),
            })]),
        };
    }

    public static bool IsOverdue(Petition p, DateTime now) => p.CompletedUtc is null && !p.IsClosed && p.DueUtc is { } due && due < now;

    public static bool IsDueSoon(Petition p, DateTime now) =>
        p.CompletedUtc is null && !p.IsClosed && p.WarnAtUtc is { } warn && p.DueUtc is { } due && warn <= now && now < due;

    private static JsonObject Names(string chinese, string english) => new() { ["zh-CN"] = chinese, ["en"] = english.Length > 0 ? english : chinese };

    private static JsonValue? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    /// <summary>
    /// To the microsecond, as the database keeps it: a petition just written and the same one read back (a replayed
    /// request) then give the same answer.
    /// </summary>
    private static JsonValue Utc(DateTime value) => JsonValue.Create(DateTime.SpecifyKind(value.AddTicks(-(value.Ticks % 10)), DateTimeKind.Utc));
}
