using System.Globalization;
using System.Text.Json.Nodes;
using GovPlatform.Petitions.Services;
using GovPlatform.Tenants;
using Microsoft.OpenApi;

namespace GovPlatform.Petitions.Api;

/// <summary>
/// The OpenAPI 3.1 document of the petitions API of a tenant: every operation with its parameters, required headers
/// (Idempotency-Key, If-Match), bodies, answers and problem details, the schemas, and the security schemes (the tenant's
/// sign-in cookie and the antiforgery header that every cookie-authenticated POST needs). Texts are in the reader's
/// language; the server URL is the tenant's path.
/// </summary>
internal static class PetitionOpenApi
{
    public const string CookieScheme = "cookie";
    public const string AntiforgeryScheme = "antiforgery";
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    /// <summary>The document, served under <paramref name="pathBase"/> (the tenant's prefix).</summary>
    public static OpenApiDocument Build(ITenant tenant, string pathBase, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(culture);
        string T(string chinese, string english) => culture.TwoLetterISOLanguageName == "en" ? english : chinese;
        var site = tenant.GetDisplayName(culture.Name);
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = T($"{site}诉求接口", $"{site} petitions API"),
                Version = "1",
                Description = T(
                    "诉求大厅的 JSON 接口：公开的职责清单、诉求提交（需 Idempotency-Key，限流）和进度查询（受理编号 + 手机号），以及工作人员的诉求列表、详情和闭环操作（登录 Cookie + 防伪令牌，If-Match 版本号）。错误以 RFC 7807 problem details 返回，code 为机器可读的原因。",
                    "The petitions hall's JSON API: the public duty list, intake (Idempotency-Key required, rate-limited) and tracking (tracking number + phone), and for staff the list, the case and the loop's commands (sign-in cookie + antiforgery token, If-Match version). Errors are RFC 7807 problem details whose code names the reason."),
            },
            Servers = [new OpenApiServer { Url = string.IsNullOrEmpty(pathBase) ? "/" : pathBase }],
            Paths = [],
            Components = new OpenApiComponents
            {
                Schemas = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
                {
                    [CookieScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Cookie,
                        Name = tenant.CookieName("auth"),
                        Description = T("本站的登录 Cookie：在 account/login 登录后获得，只对本站有效。", "This site's sign-in cookie, set by signing in at account/login; valid for this site only."),
                    },
                    [AntiforgeryScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Header,
                        Name = "RequestVerificationToken",
                        Description = T("防伪令牌：登录后 GET /api/petitions/antiforgery 返回的 token（同时设置防伪 Cookie）。带登录 Cookie 的每个 POST 都需要。",
                            "The antiforgery token that GET /api/petitions/antiforgery returns after signing in (it also sets the antiforgery cookie). Every POST made with the sign-in cookie needs it."),
                    },
                },
            },
        };

        var builder = new Builder(document, T);
        builder.AddSchemas();
        builder.AddPaths();
        return document;
    }

    /// <summary>The document as OpenAPI 3.1 JSON.</summary>
    public static async Task<string> SerializeAsync(OpenApiDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var writer = new OpenApiJsonWriter(text);
        document.SerializeAsV31(writer);
        await writer.FlushAsync(cancellationToken);
        return text.ToString();
    }

    private sealed class Builder(OpenApiDocument document, Func<string, string, string> T)
    {
        private readonly IDictionary<string, IOpenApiSchema> _schemas = document.Components!.Schemas!;

        public void AddSchemas()
        {
            _schemas["ProblemDetails"] = Object(T("RFC 7807 错误说明；code 为机器可读的原因", "RFC 7807 problem details; code names the reason"), [],
                ("type", Str()), ("title", Str()), ("status", Int()), ("detail", Str()), ("instance", Str()),
                ("code", Str(T("原因：unauthorized、forbidden、antiforgery、not-found、unknown-action、not-allowed、version-required、bad-if-match、stale、unsupported-media-type、bad-json、too-large",
                    "The reason: unauthorized, forbidden, antiforgery, not-found, unknown-action, not-allowed, version-required, bad-if-match, stale, unsupported-media-type, bad-json, too-large"))),
                ("permission", Str(T("403：缺少的权限", "403: the permission missing"))),
                ("currentVersion", Int(T("412：诉求当前的版本号", "412: the petition's current version"), nullable: true)));
            _schemas["ValidationProblemDetails"] = Object(T("RFC 7807 错误说明，errors 按出错的项列出", "RFC 7807 problem details with the errors by field"), [],
                ("type", Str()), ("title", Str()), ("status", Int()), ("detail", Str()),
                ("code", Str(T("invalid（内容有误）、idempotency-key（缺少或重复使用的 Idempotency-Key）、bad-query（查询参数有误）",
                    "invalid (refused values), idempotency-key (a missing or reused Idempotency-Key), bad-query (bad query parameters)"))),
                ("errors", new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = T("键为字段名：categoryCode、description、title、contactPhone、contactName、location、gridUnitCode、address、attachments、channel、idempotencyKey、note、publicReply、unitCode、room、department、departments、leadDepartment、mergeInto、satisfaction，列表查询的 view、stage、unit、q、page、pageSize",
                        "Keyed by field: categoryCode, description, title, contactPhone, contactName, location, gridUnitCode, address, attachments, channel, idempotencyKey, note, publicReply, unitCode, room, department, departments, leadDepartment, mergeInto, satisfaction; for the list view, stage, unit, q, page, pageSize"),
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Str() },
                }));
            _schemas["AntiforgeryToken"] = Object(null, ["token", "headerName"],
                ("token", Str()), ("headerName", new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("RequestVerificationToken")!] }));
            _schemas["Names"] = Object(T("中英文名称", "The names in Chinese and English"), ["zh-CN", "en"], ("zh-CN", Str()), ("en", Str()));
            _schemas["Deadline"] = Object(T("办理时限，按本区工作日历计算", "The handling deadline, counted on the district's working calendar"), ["amount", "unit", "text"],
                ("amount", Int()),
                ("unit", Enum(["workingHours", "workingDays"])),
                ("text", Str(T("如 4h、3d", "such as 4h or 3d"))));
            _schemas["CategoryItem"] = CategorySchema(withItems: false);
            _schemas["Category"] = CategorySchema(withItems: true);
            _schemas["Department"] = Object(null, ["code", "name", "names"], ("code", Str()), ("name", Str()), ("names", Ref("Names")));
            _schemas["Catalog"] = Object(T("职责清单和职能部门（仅启用的）", "The duty list and the departments (active ones only)"), ["categories", "departments"],
                ("categories", Array(Ref("Category"))), ("departments", Array(Ref("Department"))));
            _schemas["Upload"] = Object(T("附件：照片或视频，按文件内容识别（JPEG、PNG、WebP、GIF、HEIC、MP4、MOV、WebM）", "An attachment: a photo or video, recognised by its bytes (JPEG, PNG, WebP, GIF, HEIC, MP4, MOV, WebM)"), ["content"],
                ("fileName", Str(T("文件名（仅用于显示）", "The file's name (shown only)"), maxLength: 255)),
                ("content", new OpenApiSchema { Type = JsonSchemaType.String, ContentEncoding = "base64", Description = T("文件内容，base64 编码", "The file's bytes, base64-encoded") }));
            _schemas["IntakeRequest"] = Strict(Object(T("一件新诉求", "A new petition"), ["categoryCode", "description", "contactPhone"],
                ("categoryCode", Str(T("职责清单中可选的事项编码（selectable 为 true）", "A selectable code of the duty list (selectable true)"))),
                ("title", Str(T("标题；不填时取描述的第一行", "The title; the description's first line when left out"), maxLength: 100)),
                ("description", Str(T("诉求内容", "The matter"), minLength: 5, maxLength: 4000)),
                ("gridUnitCode", Str(T("诉求所在的网格单元编码（优先于坐标）", "The grid unit where the matter is (wins over the point)"))),
                ("longitude", Number(T("WGS84 经度", "WGS84 longitude"), "-180", "180")),
                ("latitude", Number(T("WGS84 纬度", "WGS84 latitude"), "-90", "90")),
                ("address", Str(null, maxLength: 200)),
                ("contactName", Str(null, maxLength: 50)),
                ("contactPhone", Str(T("11 位手机号或“区号-号码”的固定电话；查询进度时需要", "An 11-digit mobile or an area code-number landline; needed to track the petition"), pattern: PetitionPhones.Pattern)),
                ("channel", new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [JsonValue.Create("api")!, JsonValue.Create("field")!],
                    Default = JsonValue.Create("api"),
                    Description = T("api：其他系统提交（默认）；field：网格员现场上报，需登录并有“上报事件”权限，且必须带设备坐标",
                        "api: filed by another system (the default); field: a grid worker's report, signed in with Petitions.Report, and the device's point is required"),
                }),
                ("attachments", Array(Ref("Upload"), T("最多 9 个（本区设置），单个图片 10 MB、视频 100 MB 以内", "At most 9 (the district's setting), images up to 10 MB and videos up to 100 MB each")))));
            _schemas["Receipt"] = Object(T("已受理的诉求", "The filed petition"), ["trackingNumber", "channel", "stage", "receivedUtc", "dueUtc", "possibleDuplicate"],
                ("id", Int(T("诉求编号：只给能查看它的工作人员", "The petition's id: only for staff who may open it"))),
                ("trackingNumber", Str(T("受理编号：与手机号一起用于查询进度", "The tracking number: with the phone, it finds the petition"))),
                ("channel", Enum(Codes<PetitionChannel>())),
                ("stage", Enum(Codes<PetitionStage>())),
                ("receivedUtc", Time()), ("dueUtc", Time(nullable: true)),
                ("possibleDuplicate", Bool(T("同一手机号近期有相似的诉求，工作人员可能合并", "A similar petition with the same phone came in lately; staff may merge them"))));
            _schemas["StatusStep"] = Object(null, ["atUtc", "actionName", "stageName"],
                ("atUtc", Time()), ("actionName", Str()), ("stageName", Str()), ("unitName", Str(nullable: true)), ("publicNote", Str(nullable: true)));
            _schemas["Status"] = Object(T("群众可见的办理进度（没有内部备注和工作人员姓名）", "What the citizen sees (no internal notes, no staff names)"),
                ["trackingNumber", "stage", "stageName", "categoryName", "title", "description", "receivedUtc", "canRate", "canReopen", "steps"],
                ("trackingNumber", Str()), ("stage", Enum(Codes<PetitionStage>())), ("stageName", Str()), ("categoryName", Str()),
                ("title", Str()), ("description", Str()), ("receivedUtc", Time()), ("dueUtc", Time(nullable: true)),
                ("completedUtc", Time(nullable: true)), ("closedUtc", Time(nullable: true)), ("handlingUnitName", Str(nullable: true)),
                ("publicReply", Str(nullable: true)), ("rejectReason", Str(nullable: true)), ("mergedIntoTrackingNumber", Str(nullable: true)),
                ("satisfaction", Int(null, nullable: true)), ("canRate", Bool()), ("canReopen", Bool()), ("steps", Array(Ref("StatusStep"))));

            (string, IOpenApiSchema)[] summary =
            [
                ("id", Int()), ("trackingNumber", Str()), ("version", Int(T("版本号（If-Match 用）", "The version (for If-Match)"))), ("title", Str()),
                ("channel", Enum(Codes<PetitionChannel>())), ("stage", Enum(Codes<PetitionStage>())), ("stageName", Str()),
                ("categoryCode", Str()), ("categoryName", Str()),
                ("gridUnitCode", Str(nullable: true)), ("gridUnitName", Str(nullable: true)),
                ("handlingUnitCode", Str(nullable: true)), ("handlingUnitName", Str(nullable: true)),
                ("receivedUtc", Time()), ("dueUtc", Time(nullable: true)), ("completedUtc", Time(nullable: true)), ("closedUtc", Time(nullable: true)),
                ("overdue", Bool(T("未办结且已过期限", "Not completed and past its due time"))),
                ("dueSoon", Bool(T("未办结且临近期限", "Not completed and due soon"))),
                ("possibleDuplicateOfId", Int(T("可能重复的另一件诉求", "Another petition this one likely repeats"), nullable: true)),
            ];
            string[] summaryRequired = [.. summary.Select(p => p.Item1)];
            _schemas["PetitionSummary"] = Object(T("列表中的一件诉求", "A petition in the list"), summaryRequired, summary);
            _schemas["PetitionPage"] = Object(T("一页诉求", "A page of petitions"), ["items", "total", "page", "pageSize"],
                ("items", Array(Ref("PetitionSummary"))), ("total", Int(T("符合条件的总数", "How many match"))), ("page", Int()), ("pageSize", Int()));
            _schemas["CoHandler"] = Object(null, ["department", "departmentName", "isLead", "addedUtc"],
                ("department", Str()), ("departmentName", Str()), ("isLead", Bool()), ("addedUtc", Time()),
                ("reportedUtc", Time(nullable: true)), ("report", Str(nullable: true)), ("reportedBy", Str(nullable: true)));
            _schemas["Attachment"] = Object(null, ["id", "fileName", "contentType", "length", "uploadedUtc", "url"],
                ("id", Int()), ("eventSequence", Int(T("随哪一步上传", "The step it came with"), nullable: true)), ("fileName", Str()), ("contentType", Str()),
                ("length", Int()), ("uploadedUtc", Time()), ("uploadedBy", Str(nullable: true)),
                ("url", Str(T("下载地址（工作台，需查看权限）", "Where to download it (the workbench; needs Petitions.View)"))));
            _schemas["Event"] = Object(T("办理过程中的一步（只追加，不修改）", "One step of the timeline (appended, never edited)"),
                ["sequence", "atUtc", "action", "actionName", "fromStage", "toStage", "actor"],
                ("sequence", Int()), ("atUtc", Time()),
                ("action", Str(T("操作：命令名，或 submit、warn、overdue、reportBack", "The action: a command's name, or submit, warn, overdue, reportBack"))),
                ("actionName", Str()), ("fromStage", Enum(Codes<PetitionStage>())), ("toStage", Enum(Codes<PetitionStage>())),
                ("actor", Str(T("用户名；system 为系统，citizen 为群众", "The user name; system for the platform, citizen for the citizen"))),
                ("actorName", Str(nullable: true)), ("fromUnitCode", Str(nullable: true)), ("unitCode", Str(nullable: true)), ("unitName", Str(nullable: true)),
                ("department", Str(nullable: true)), ("room", Str(nullable: true)),
                ("note", Str(T("内部备注（不对群众公开）", "The internal note (never shown to the citizen)"), nullable: true)),
                ("publicNote", Str(T("告知群众的内容", "What the citizen is told"), nullable: true)));
            _schemas["AllowedAction"] = Object(T("调用者现在可以执行的操作", "An action the caller may take now"), ["action", "name", "required", "optional"],
                ("action", Enum([.. PetitionApiActions.All.Select(PetitionApiActions.Name)])), ("name", Str()),
                ("required", Array(Str(), T("必填的正文字段", "Body fields it needs"))), ("optional", Array(Str(), T("可选的正文字段（另可带 attachments）", "Body fields it may have (and attachments)"))));

            var detail = new List<(string, IOpenApiSchema)>(summary)
            {
                ("channelName", Str()), ("description", Str()),
                ("longitude", Number(null, null, null, nullable: true)), ("latitude", Number(null, null, null, nullable: true)), ("address", Str(nullable: true)),
                ("contactName", Str(nullable: true)), ("contactPhone", Str()),
                ("peopleInvolved", Str(nullable: true)), ("onTheSpotHandling", Str(nullable: true)), ("receptionOpinion", Str(nullable: true)),
                ("firstResponder", Str(T("首问责任人的用户名", "The first responder's user name"), nullable: true)),
                ("handlingDepartment", Str(nullable: true)), ("handlingDepartmentName", Str(nullable: true)),
                ("room", Str(nullable: true)), ("roomName", Str(nullable: true)), ("roomReference", Str(nullable: true)),
                ("pendingTransferDepartment", Str(nullable: true)), ("supervisingUnitCode", Str(nullable: true)),
                ("escalationCount", Int()), ("reopenCount", Int()),
                ("warnAtUtc", Time(nullable: true)), ("warnedUtc", Time(nullable: true)), ("overdueUtc", Time(nullable: true)), ("updatedUtc", Time()),
                ("satisfaction", Int(null, nullable: true)), ("resolved", new OpenApiSchema { Type = JsonSchemaType.Boolean | JsonSchemaType.Null }),
                ("citizenComment", Str(nullable: true)), ("publicReply", Str(nullable: true)), ("rejectReason", Str(nullable: true)),
                ("mergedIntoId", Int(null, nullable: true)),
                ("coHandlers", Array(Ref("CoHandler"))), ("attachments", Array(Ref("Attachment"))), ("events", Array(Ref("Event"))),
                ("allowedActions", Array(Ref("AllowedAction"), T("只列出调用者此刻有权执行、且当前环节允许的操作", "Only the actions the caller may take now: allowed by the stage and by their permissions"))),
            };
            _schemas["Petition"] = Object(T("一件诉求的全部信息（工作人员）", "The whole petition (staff)"), [.. detail.Select(p => p.Item1).Where(n => n != "possibleDuplicateOfId")], [.. detail]);
            _schemas["CommandRequest"] = Strict(Object(T("操作所需的字段，各操作需要哪些见 AllowedAction 和操作说明", "What a command needs; which fields each one reads is in AllowedAction and the operation's description"), [],
                ("note", Str(T("内部备注；不予受理、退回、上报、督办等操作必填", "The internal note; required by reject, return, escalate, supervise and others"), maxLength: 2000)),
                ("publicReply", Str(T("告知群众的办理结果（办结、当场解决）", "The result the citizen reads (complete, solveOnTheSpot)"), maxLength: 2000)),
                ("unitCode", Str(T("交办到的网格单元（本级或下级）", "The unit to assign to (the handling unit or below)"))),
                ("department", Str(T("转办的部门，或协办反馈的部门", "The department to transfer to, or the co-handler reporting"))),
                ("room", Str(T("功能室：mediation、legal、psychological 或本区设置的", "The room: mediation, legal, psychological or one the district set"))),
                ("departments", Array(Str(), T("协办部门（至少两个）", "The co-handling departments (two or more)"))),
                ("leadDepartment", Str(T("牵头部门，须在 departments 中", "The lead, one of departments"))),
                ("categoryCode", Str(T("研判后的事项编码（默认不变）", "The item decided on assessment (unchanged by default)"))),
                ("mergeInto", Str(T("合并到的诉求的受理编号", "The tracking number of the petition to merge into"))),
                ("satisfaction", new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = "5", Description = T("回访评价的满意度 1–5", "The call-back rating, 1–5") }),
                ("resolved", Bool()),
                ("attachments", Array(Ref("Upload")))));
        }

        public void AddPaths()
        {
            var paths = document.Paths!;
            var writer = new List<OpenApiSecurityRequirement> { Requirement(CookieScheme, AntiforgeryScheme) };
            var reader = new List<OpenApiSecurityRequirement> { Requirement(CookieScheme) };

            // Anyone; a signed-in caller must add the antiforgery token.
            var optional = new List<OpenApiSecurityRequirement> { new(), Requirement(CookieScheme, AntiforgeryScheme) };
            var tags = new Func<string, HashSet<OpenApiTagReference>>(name => [new OpenApiTagReference(name, document)]);
            document.Tags = new HashSet<OpenApiTag>
            {
                new() { Name = "public", Description = T("公开：职责清单、提交诉求、查询进度", "Public: the duty list, intake, tracking") },
                new() { Name = "staff", Description = T("工作人员：列表、详情、闭环操作", "Staff: the list, the case, the loop's commands") },
            };

            var idempotencyKey = new OpenApiParameter
            {
                Name = PetitionApiRequests.IdempotencyKeyHeader,
                In = ParameterLocation.Header,
                Required = true,
                Description = T("本次请求的唯一标识（如 UUID，最多 100 个字符）。重试时带上同一个：不会重复受理或重复执行，返回相同的结果（Idempotent-Replayed: true）。缺少时返回 400。",
                    "A unique key for this request (a UUID, say; at most 100 characters). Retry with the same key: nothing is filed or done twice, and the answer is the same (Idempotent-Replayed: true). 400 when missing."),
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = PetitionApiRequests.MaxKeyLength },
            };
            var ifMatch = new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = true,
                Description = T("你读到的版本号，带引号（GET 详情返回的 ETag，如 \"3\"）；与当前版本不符时返回 412，缺少时返回 428；* 表示不检查。",
                    "The version you read, quoted (the ETag of the GET, such as \"3\"); 412 when it is not the current one, 428 when missing; * skips the check."),
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
            var id = new OpenApiParameter
            {
                Name = "id",
                In = ParameterLocation.Path,
                Required = true,
                Description = T("诉求编号", "The petition's id"),
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
            };
            var replayed = new OpenApiHeader { Description = T("重试的请求：返回的是第一次的结果，没有任何改变", "A retried request: the first request's result; nothing changed"), Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")!] } };
            var etag = new OpenApiHeader { Description = T("诉求的版本号，带引号：\"<版本号>\"", "The petition's version, quoted: \"<version>\""), Schema = Str() };
            var unauthorized = Problem(T("未登录", "Not signed in"));
            var forbidden = Problem(T("没有权限（permission 为缺少的权限），或不能对这件诉求执行此操作", "Not allowed (permission names the one missing), or not on this petition"));
            var notFound = Problem(T("没有这件诉求，或不在你的可见范围内", "No such petition, or outside what you may see"));
            var tooLarge = Problem(T("请求正文超过服务器允许的大小（默认约 30 MB，附件 base64 编码后计）", "The body is larger than the server accepts (about 30 MB by default, attachments counted base64-encoded)"));
            var tooMany = new OpenApiResponse
            {
                Description = T("请求过于频繁（按本区和客户端地址计）；Retry-After 为需等待的秒数", "Too many requests (per district and client address); Retry-After gives the seconds to wait"),
                Headers = new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = new OpenApiHeader { Schema = Int() } },
                Content = ProblemContent("ProblemDetails"),
            };

            paths[PetitionApiEndpoints.BasePath + "/openapi.json"] = Path(HttpMethod.Get, new OpenApiOperation
            {
                OperationId = "getOpenApi",
                Tags = tags("public"),
                Summary = T("本文档", "This document"),
                Responses = Responses(("200", new OpenApiResponse { Description = "OpenAPI 3.1", Content = new Dictionary<string, IOpenApiMediaType> { [Json] = new OpenApiMediaType() } })),
            });
            paths[PetitionApiEndpoints.BasePath + "/antiforgery"] = Path(HttpMethod.Get, new OpenApiOperation
            {
                OperationId = "getAntiforgeryToken",
                Tags = tags("staff"),
                Summary = T("获取防伪令牌", "Get an antiforgery token"),
                Description = T("登录后调用；把 token 放在每个 POST 的 RequestVerificationToken 请求头中。", "Call it after signing in; send the token in the RequestVerificationToken header of every POST."),
                Security = reader,
                Responses = Responses(("200", JsonResponse(T("令牌", "The token"), Ref("AntiforgeryToken"))), ("401", unauthorized)),
            });
            paths[PetitionApiEndpoints.BasePath + "/categories"] = Path(HttpMethod.Get, new OpenApiOperation
            {
                OperationId = "getCategories",
                Tags = tags("public"),
                Summary = T("职责清单和职能部门", "The duty list and the departments"),
                Description = T("公开。提交诉求时 categoryCode 须为 selectable 的事项。", "Public. An intake's categoryCode must be a selectable entry."),
                Responses = Responses(("200", JsonResponse(T("职责清单", "The duty list"), Ref("Catalog")))),
            });
            paths[PetitionApiEndpoints.BasePath + "/status"] = Path(HttpMethod.Get, new OpenApiOperation
            {
                OperationId = "getStatus",
                Tags = tags("public"),
                Summary = T("查询办理进度", "Track a petition"),
                Description = T("公开，限流。受理编号和手机号都须相符；不符时与不存在时的回答相同（404）。只返回群众可见的信息。",
                    "Public, rate-limited. Both the tracking number and the phone must match; a mismatch answers as an unknown number (404). Only what the citizen may see."),
                Parameters =
                [
                    new OpenApiParameter { Name = "trackingNumber", In = ParameterLocation.Query, Required = true, Schema = Str() },
                    new OpenApiParameter { Name = "phone", In = ParameterLocation.Query, Required = true, Description = T("提交时填写的电话", "The phone given with the petition"), Schema = Str() },
                ],
                Responses = Responses(("200", JsonResponse(T("办理进度", "The status"), Ref("Status"))), ("404", Problem(T("没有相符的诉求", "No petition matches"))), ("429", tooMany)),
            });
            paths[PetitionApiEndpoints.BasePath] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Post] = new OpenApiOperation
                    {
                        OperationId = "submitPetition",
                        Tags = tags("public"),
                        Summary = T("提交诉求", "File a petition"),
                        Description = T(
                            "公开，限流。匿名提交的渠道为 api，不返回 id。登录的网格员（“上报事件”权限）可用 channel: field 现场上报（须带坐标）；带登录 Cookie 时须带防伪令牌。附件以 base64 放在 attachments 中（整个请求受服务器请求体大小限制）。",
                            "Public, rate-limited. Anonymous intake is on the api channel and answers without the id. A signed-in grid worker (Petitions.Report) may file a field report with channel: field (a point is required); a request with the sign-in cookie needs the antiforgery token. Attachments go base64-encoded in attachments (the whole request is held to the server's body size limit)."),
                        Security = optional,
                        Parameters = [idempotencyKey],
                        RequestBody = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, IOpenApiMediaType> { [Json] = new OpenApiMediaType { Schema = Ref("IntakeRequest") } } },
                        Responses = Responses(
                            ("201", new OpenApiResponse
                            {
                                Description = T("已受理（或重试时第一次受理的结果）", "Filed (or, for a retry, what the first request filed)"),
                                Headers = new Dictionary<string, IOpenApiHeader>
                                {
                                    ["Location"] = new OpenApiHeader { Description = T("诉求详情的地址（仅当返回 id 时）", "The petition's address (only with an id)"), Schema = Str() },
                                    [PetitionApiRequests.ReplayedHeader] = replayed,
                                },
                                Content = new Dictionary<string, IOpenApiMediaType> { [Json] = new OpenApiMediaType { Schema = Ref("Receipt") } },
                            }),
                            ("400", Validation(T("内容有误（errors 按字段）、缺少或重复使用 Idempotency-Key、正文无法读取，或缺少防伪令牌", "Refused values (errors by field), a missing or reused Idempotency-Key, an unreadable body, or a missing antiforgery token"))),
                            ("401", Problem(T("channel 为 field 但未登录", "channel field without signing in"))),
                            ("403", Problem(T("channel 为 field 但没有“上报事件”权限", "channel field without Petitions.Report"))),
                            ("413", tooLarge),
                            ("415", Problem(T("请求正文不是 JSON", "The body is not JSON"))),
                            ("429", tooMany)),
                    },
                    [HttpMethod.Get] = new OpenApiOperation
                    {
                        OperationId = "listPetitions",
                        Tags = tags("staff"),
                        Summary = T("诉求列表", "The petitions"),
                        Description = T("需要“查看诉求”权限；只列出所在网格或办理单元在你的网格范围内的诉求。按期限、再按受理时间排序。",
                            "Needs Petitions.View; lists only petitions located or handled inside your grid units. Ordered by due time, then by receipt."),
                        Security = reader,
                        Parameters =
                        [
                            Query("view", T("all（默认，全部）、grid（未办结）、mine（我是首问责任人或由我所在单元办理，未办结）、overdue（已超期）、dueSoon（临期）",
                                "all (the default), grid (open), mine (I am the first responder or my own unit handles it; open), overdue, dueSoon"), Enum(PetitionApiEndpoints.Views)),
                            Query("stage", T("环节", "The stage"), Enum(Codes<PetitionStage>())),
                            Query("unit", T("网格单元编码：所在或办理单元在其下（含本身）", "A grid unit code: located or handled in it or below"), Str()),
                            Query("q", T("受理编号、标题、内容或电话包含的文字", "Text the tracking number, title, description or phone contains"), Str(null, maxLength: 100)),
                            Query("page", T("页码，从 1 开始", "The page, from 1"), new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" }),
                            Query("pageSize", T("每页条数（1–100，默认 25）", "Per page (1–100, default 25)"), new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = "100", Default = JsonValue.Create(PetitionApiEndpoints.DefaultPageSize) }),
                        ],
                        Responses = Responses(
                            ("200", JsonResponse(T("一页诉求", "A page of petitions"), Ref("PetitionPage"))),
                            ("400", Validation(T("查询参数有误", "Bad query parameters"))), ("401", unauthorized), ("403", forbidden)),
                    },
                },
            };
            paths[PetitionApiEndpoints.BasePath + "/{id}"] = new OpenApiPathItem
            {
                Parameters = [id],
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Get] = new OpenApiOperation
                    {
                        OperationId = "getPetition",
                        Tags = tags("staff"),
                        Summary = T("一件诉求的全部信息", "A whole petition"),
                        Description = T("需要“查看诉求”权限，且诉求在你的网格范围内。ETag 为版本号，执行操作时放在 If-Match 中。",
                            "Needs Petitions.View and the petition inside your grid units. The ETag is its version: send it as If-Match with a command."),
                        Security = reader,
                        Responses = Responses(
                            ("200", new OpenApiResponse
                            {
                                Description = T("诉求", "The petition"),
                                Headers = new Dictionary<string, IOpenApiHeader> { ["ETag"] = etag },
                                Content = new Dictionary<string, IOpenApiMediaType> { [Json] = new OpenApiMediaType { Schema = Ref("Petition") } },
                            }),
                            ("401", unauthorized), ("403", forbidden), ("404", notFound)),
                    },
                },
            };

            var actionNames = PetitionApiActions.All.Select(t =>
            {
                var (required, optionalFields) = PetitionApiActions.Fields(t);
                var needs = required.Length == 0 ? "-" : string.Join(", ", required);
                var may = optionalFields.Length == 0 ? "-" : string.Join(", ", optionalFields);
                return $"{PetitionApiActions.Name(t)} ({Services.PetitionNames.Trigger(t).English}): {T("必填", "required")} {needs}; {T("可选", "optional")} {may}";
            });
            paths[PetitionApiEndpoints.BasePath + "/{id}/commands/{action}"] = new OpenApiPathItem
            {
                Parameters =
                [
                    id,
                    new OpenApiParameter
                    {
                        Name = "action",
                        In = ParameterLocation.Path,
                        Required = true,
                        Description = T("操作名（不区分大小写）", "The action (case-insensitive)"),
                        Schema = Enum([.. PetitionApiActions.All.Select(PetitionApiActions.Name)]),
                    },
                ],
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Post] = new OpenApiOperation
                    {
                        OperationId = "runCommand",
                        Tags = tags("staff"),
                        Summary = T("执行闭环操作", "Run a command of the loop"),
                        Description = T("诉求须在你的网格范围内；操作须为当前环节允许、且你在诉求的办理单元上有相应权限（即详情 allowedActions 中的）。各操作的字段：\n\n", "The petition must be inside your grid units; the action must be allowed at its stage and by your permissions on its handling unit (those in the detail's allowedActions). The fields of each action:\n\n")
                            + string.Join("\n", actionNames.Select(a => "- " + a)),
                        Security = writer,
                        Parameters = [idempotencyKey, ifMatch],
                        RequestBody = new OpenApiRequestBody
                        {
                            Description = T("可省略（不需要字段的操作）", "May be left out (actions that need no field)"),
                            Content = new Dictionary<string, IOpenApiMediaType> { [Json] = new OpenApiMediaType { Schema = Ref("CommandRequest") } },
                        },
                        Responses = Responses(
                            ("200", new OpenApiResponse
                            {
                                Description = T("已执行（或重试时第一次执行后的当前状态）：诉求的全部信息", "Done (or, for a retry, the current state after the first run): the whole petition"),
                                Headers = new Dictionary<string, IOpenApiHeader> { ["ETag"] = etag, [PetitionApiRequests.ReplayedHeader] = replayed },
                                Content = new Dictionary<string, IOpenApiMediaType> { [Json] = new OpenApiMediaType { Schema = Ref("Petition") } },
                            }),
                            ("400", Validation(T("字段有误（errors 按字段，如 note、unitCode）、缺少 Idempotency-Key 或重复用于另一操作、If-Match 格式不对、正文无法读取，或缺少防伪令牌",
                                "Refused values (errors by field: note, unitCode…), a missing Idempotency-Key or one used for another command, a malformed If-Match, an unreadable body, or a missing antiforgery token"))),
                            ("401", unauthorized), ("403", forbidden),
                            ("404", Problem(T("没有这件诉求（或不在你的可见范围内），或没有这个操作", "No such petition (or outside what you may see), or no such action"))),
                            ("409", Problem(T("诉求当前的环节不允许这个操作", "The petition's stage does not allow the action"))),
                            ("412", Problem(T("If-Match 的版本不是当前版本（currentVersion 为当前版本）", "If-Match names another version than the current one (currentVersion)"))),
                            ("413", tooLarge),
                            ("415", Problem(T("请求正文不是 JSON", "The body is not JSON"))),
                            ("428", Problem(T("缺少 If-Match", "If-Match is missing")))),
                    },
                },
            };
        }

        private OpenApiSchema CategorySchema(bool withItems)
        {
            var properties = new List<(string, IOpenApiSchema)>
            {
                ("code", Str()),
                ("name", Str(T("请求语言的名称", "The name in the request's language"))),
                ("names", Ref("Names")),
                ("selectable", Bool(T("提交诉求时可选（事项，或没有事项的类别）", "May be chosen by an intake (an item, or a category without items)"))),
                ("department", Str(T("牵头部门编码", "The lead department's code"), nullable: true)),
                ("deadline", new OpenApiSchema { OneOf = [Ref("Deadline"), new OpenApiSchema { Type = JsonSchemaType.Null }] }),
                ("onTheSpot", Bool(T("可当场解决", "May be solved on the spot"))),
            };
            if (withItems)
            {
                properties.Add(("items", Array(Ref("CategoryItem"))));
            }

            return Object(withItems ? T("职责清单中的类别", "A category of the duty list") : T("类别下的事项", "An item of a category"),
                [.. properties.Select(p => p.Item1)], [.. properties]);
        }

        private OpenApiSchemaReference Ref(string schema) => new(schema, document);

        private OpenApiSecurityRequirement Requirement(params string[] schemes)
        {
            var requirement = new OpenApiSecurityRequirement();
            foreach (var scheme in schemes)
            {
                requirement[new OpenApiSecuritySchemeReference(scheme, document)] = [];
            }

            return requirement;
        }

        private OpenApiResponse Problem(string description) => new() { Description = description, Content = ProblemContent("ProblemDetails") };

        private OpenApiResponse Validation(string description) => new() { Description = description, Content = ProblemContent("ValidationProblemDetails") };

        private Dictionary<string, IOpenApiMediaType> ProblemContent(string schema) => new() { [ProblemJson] = new OpenApiMediaType { Schema = Ref(schema) } };

        private static OpenApiResponse JsonResponse(string description, IOpenApiSchema schema) => new()
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { [Json] = new OpenApiMediaType { Schema = schema } },
        };

        private static OpenApiPathItem Path(HttpMethod method, OpenApiOperation operation) =>
            new() { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [method] = operation } };

        private static OpenApiResponses Responses(params (string Code, IOpenApiResponse Response)[] answers)
        {
            var responses = new OpenApiResponses();
            foreach (var (code, response) in answers)
            {
                responses[code] = response;
            }

            return responses;
        }

        private static OpenApiParameter Query(string name, string description, IOpenApiSchema schema) =>
            new() { Name = name, In = ParameterLocation.Query, Description = description, Schema = schema };

        private static OpenApiSchema Object(string? description, string[] required, params (string Name, IOpenApiSchema Schema)[] properties) => new()
        {
            Type = JsonSchemaType.Object,
            Description = description,
            Required = new HashSet<string>(required, StringComparer.Ordinal),
            Properties = properties.ToDictionary(p => p.Name, p => p.Schema, StringComparer.Ordinal),
        };

        /// <summary>A request body: unknown properties are refused (400), not ignored.</summary>
        private static OpenApiSchema Strict(OpenApiSchema schema)
        {
            schema.AdditionalPropertiesAllowed = false;
            return schema;
        }

        private static OpenApiSchema Str(string? description = null, bool nullable = false, int? maxLength = null, int? minLength = null, string? pattern = null) => new()
        {
            Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String,
            Description = description,
            MaxLength = maxLength,
            MinLength = minLength,
            Pattern = pattern,
        };

        private static OpenApiSchema Int(string? description = null, bool nullable = false) => new()
        {
            Type = nullable ? JsonSchemaType.Integer | JsonSchemaType.Null : JsonSchemaType.Integer,
            Description = description,
        };

        private static OpenApiSchema Number(string? description, string? minimum, string? maximum, bool nullable = false) => new()
        {
            Type = nullable ? JsonSchemaType.Number | JsonSchemaType.Null : JsonSchemaType.Number,
            Description = description,
            Minimum = minimum,
            Maximum = maximum,
        };

        private static OpenApiSchema Bool(string? description = null) => new() { Type = JsonSchemaType.Boolean, Description = description };

        private static OpenApiSchema Time(bool nullable = false) => new()
        {
            Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String,
            Format = "date-time",
            Description = "UTC",
        };

        private static OpenApiSchema Enum(IEnumerable<string> values) => new()
        {
            Type = JsonSchemaType.String,
            Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)!)],
        };

        private static OpenApiSchema Array(IOpenApiSchema items, string? description = null) =>
            new() { Type = JsonSchemaType.Array, Items = items, Description = description };

        private static string[] Codes<TEnum>()
            where TEnum : struct, System.Enum => [.. System.Enum.GetValues<TEnum>().Select(v => PetitionApiMapper.Code(v))];
    }
}
