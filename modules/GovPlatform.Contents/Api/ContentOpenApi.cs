using System.Globalization;
using System.Text.Json.Nodes;
using GovPlatform.Contents.Services;
using GovPlatform.Tenants;
using Microsoft.OpenApi;

namespace GovPlatform.Contents.Api;

/// <summary>
/// The OpenAPI 3.1 document of a tenant's contents API, made from its own content types: for each type, schemas of its
/// fields, items, versions, pages and write bodies, and its paths; the problem-details schemas and the security schemes
/// (the tenant's sign-in cookie, and the antiforgery header every change needs). Texts are in the reader's language.
/// Schema names of a type contain a dot (<c>Project.Item</c>), which no type name or fixed schema name has.
/// </summary>
internal static class ContentOpenApi
{
    public const string CookieScheme = "cookie";
    public const string AntiforgeryScheme = "antiforgery";
    public const string ProblemSchema = "ProblemDetails";
    public const string ValidationProblemSchema = "ValidationProblemDetails";
    public const string LocationSchema = "Location";
    public const string LinkSchema = "Link";
    public const string ScheduleSchema = "Schedule";
    public const string AntiforgeryTokenSchema = "AntiforgeryToken";
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    /// <summary>The document for <paramref name="types"/>, served under <paramref name="pathBase"/> (the tenant's prefix).</summary>
    public static OpenApiDocument Build(IReadOnlyList<ContentTypeDefinition> types, ITenant tenant, string pathBase, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(tenant);
        string T(string chinese, string english) => culture.TwoLetterISOLanguageName == "en" ? english : chinese;
        var site = tenant.GetDisplayName(culture.Name);
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = T($"{site}内容接口", $"{site} contents API"),
                Version = "1",
                Description = T(
                    "本站各内容类型的已发布内容（公开），以及有权限的登录用户对内容的编辑、发布和删除。修改数据需登录 Cookie 和防伪令牌（RequestVerificationToken 请求头，由 GET /api/contents/antiforgery 获取）。错误以 RFC 7807 problem details 返回。",
                    "The published items of each content type of this site (public), and editing, publishing and deleting for signed-in users with the permissions. Changes need the sign-in cookie and the antiforgery token (header RequestVerificationToken, from GET /api/contents/antiforgery). Errors are RFC 7807 problem details."),
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
                        Description = T("防伪令牌：登录后 GET /api/contents/antiforgery 返回的 token（同时设置防伪 Cookie）。", "The antiforgery token that GET /api/contents/antiforgery returns after signing in (it also sets the antiforgery cookie)."),
                    },
                },
            },
            Tags = new HashSet<OpenApiTag>(),
        };

        var schemas = document.Components.Schemas;
        AddCommonSchemas(schemas, T);
        var reader = new List<OpenApiSecurityRequirement> { Requirement(document, CookieScheme) };
        var writer = new List<OpenApiSecurityRequirement> { Requirement(document, CookieScheme, AntiforgeryScheme) };

        document.Paths[ContentApiEndpoints.BasePath + "/antiforgery"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new OpenApiOperation
                {
                    OperationId = "getAntiforgeryToken",
                    Summary = T("获取防伪令牌", "Get an antiforgery token"),
                    Description = T("登录后调用；把 token 放在修改请求的 RequestVerificationToken 请求头中。", "Call it after signing in; send the token in the RequestVerificationToken header of every change."),
                    Security = reader,
                    Responses = new OpenApiResponses
                    {
                        ["200"] = JsonResponse(T("令牌", "The token"), Ref(document, AntiforgeryTokenSchema)),
                        ["401"] = ProblemResponse(document, T("未登录", "Not signed in")),
                    },
                },
            },
        };

        foreach (var type in types)
        {
            AddType(document, type, culture, T, reader, writer);
        }

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

    /// <summary>The JSON schema of one field's value, as the API reads and writes it.</summary>
    public static OpenApiSchema FieldSchema(OpenApiDocument document, ContentFieldDefinition field, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(field);
        string T(string chinese, string english) => culture.TwoLetterISOLanguageName == "en" ? english : chinese;
        var label = field.Label(culture);
        var hint = field.Hint?.For(culture) is { Length: > 0 } h ? h : null;
        var notes = new List<string> { label };
        if (hint is not null)
        {
            notes.Add(hint);
        }

        var picked = field.Multiple ? Math.Min(field.MaxItems ?? ContentValidator.MaxPickedItems, ContentValidator.MaxPickedItems) : 1;
        OpenApiSchema schema;
        switch (field.Kind)
        {
            case ContentFieldKind.Text:
                schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    MinLength = field.MinLength,
                    MaxLength = field.MaxLength ?? (field.Multiline ? ContentValidator.DefaultMaxMultiline : ContentValidator.DefaultMaxText),
                    Pattern = string.IsNullOrEmpty(field.Pattern) ? null : field.Pattern,
                };
                break;
            case ContentFieldKind.Number:
                var decimals = field.Decimals ?? 2;
                schema = new OpenApiSchema
                {
                    Type = decimals == 0 ? JsonSchemaType.Integer : JsonSchemaType.Number,
                    Minimum = field.Minimum?.ToString(CultureInfo.InvariantCulture),
                    Maximum = field.Maximum?.ToString(CultureInfo.InvariantCulture),
                };
                if (decimals > 0)
                {
                    notes.Add(T($"最多 {decimals} 位小数", $"at most {decimals} decimal places"));
                }

                if (field.Unit?.For(culture) is { Length: > 0 } unit)
                {
                    notes.Add(T($"单位：{unit}", $"unit: {unit}"));
                }

                break;
            case ContentFieldKind.Boolean:
                schema = new OpenApiSchema { Type = JsonSchemaType.Boolean };
                break;
            case ContentFieldKind.DateTime:
                schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = field.WithTime ? "date-time" : "date" };
                if (field.WithTime)
                {
                    notes.Add(T("UTC；写入时可带时区，不带时区按本站时区理解", "UTC; a value written without an offset is read in the site's time zone"));
                }

                break;
            case ContentFieldKind.Choice:
                schema = Array(new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [.. field.Options.Select(o => (JsonNode)JsonValue.Create(o.Value)!)],
                }, picked);
                notes.Add(string.Join(T("；", "; "), field.Options.Select(o => $"{o.Value} = {o.Text.For(culture)}")));
                break;
            case ContentFieldKind.Link:
                schema = new OpenApiSchema { AllOf = [Ref(document, LinkSchema)] };
                break;
            case ContentFieldKind.Media:
                schema = Array(new OpenApiSchema { Type = JsonSchemaType.String }, picked);
                notes.Add(field.MediaKind switch
                {
                    MediaKind.Images => T("媒体库中图片的路径", "paths of images in the media library"),
                    MediaKind.Files => T("媒体库中文件的路径", "paths of documents in the media library"),
                    _ => T("媒体库中图片或文件的路径", "paths of images or documents in the media library"),
                });
                break;
            case ContentFieldKind.ContentPicker:
                schema = Array(new OpenApiSchema { Type = JsonSchemaType.String }, picked);
                notes.Add(field.ContentTypes.Count > 0
                    ? T($"内容编号（类型：{string.Join("、", field.ContentTypes)}）", $"content item ids (types: {string.Join(", ", field.ContentTypes)})")
                    : T("内容编号", "content item ids"));
                break;
            case ContentFieldKind.GridPicker:
                schema = Array(new OpenApiSchema { Type = JsonSchemaType.String }, picked);
                notes.Add(T("网格单元编码", "grid unit codes"));
                break;
            default:
                schema = new OpenApiSchema();
                break;
        }

        schema.Title = label;
        schema.Description = string.Join(T("。", ". "), notes);
        return schema;
    }

    private static void AddType(
        OpenApiDocument document, ContentTypeDefinition type, CultureInfo culture, Func<string, string, string> T,
        List<OpenApiSecurityRequirement> reader, List<OpenApiSecurityRequirement> writer)
    {
        var schemas = document.Components!.Schemas!;
        var name = type.Name;
        var display = type.DisplayName.For(culture) is { Length: > 0 } shown ? shown : name;
        document.Tags!.Add(new OpenApiTag { Name = name, Description = type.Description?.For(culture) is { Length: > 0 } d ? $"{display}: {d}" : display });

        // The fields: what the type defines, nothing else (unknown names are refused on writes).
        var fields = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Title = T($"{display}的字段", $"{display} fields"),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
            Required = new HashSet<string>(StringComparer.Ordinal),
            AdditionalPropertiesAllowed = false,
        };
        foreach (var field in type.Fields)
        {
            fields.Properties[field.Name] = FieldSchema(document, field, culture);
            if (field.Required && field.Kind != ContentFieldKind.Boolean)
            {
                fields.Required.Add(field.Name);
            }
        }

        schemas[$"{name}.Fields"] = fields;
        schemas[$"{name}.Item"] = ItemSchema(document, type, display, T, editor: false);
        schemas[$"{name}.Version"] = ItemSchema(document, type, display, T, editor: true);
        schemas[$"{name}.Page"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Title = T($"{display}列表的一页", $"A page of {display}"),
            Required = new HashSet<string>(["items", "total", "page", "pageSize", "pageCount"], StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["items"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Ref(document, $"{name}.Item") },
                ["total"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = T("符合条件的总数", "How many items match") },
                ["page"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["pageSize"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["pageCount"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            },
        };
        schemas[$"{name}.Write"] = WriteSchema(document, type, display, T);

        var id = new OpenApiParameter
        {
            Name = "id",
            In = ParameterLocation.Path,
            Required = true,
            Description = T("内容编号", "The item's id"),
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        var ifMatch = new OpenApiParameter
        {
            Name = "If-Match",
            In = ParameterLocation.Header,
            Description = T("你读到的版本号（带引号，如 \"3\"），与最新版本不符时返回 412。", "The version you read, quoted (\"3\"); 412 when it is not the latest."),
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        var tags = new HashSet<OpenApiTagReference> { new(name, document) };
        var item = Ref(document, $"{name}.Item");
        var version = Ref(document, $"{name}.Version");
        var write = Ref(document, $"{name}.Write");
        var basePath = $"{ContentApiEndpoints.BasePath}/{name}";
        OpenApiResponses Responses(params (string Code, IOpenApiResponse Response)[] answers)
        {
            var responses = new OpenApiResponses();
            foreach (var (code, response) in answers)
            {
                responses[code] = response;
            }

            return responses;
        }

        var edited = JsonResponse(T("最新版本（ETag 为其版本号）", "The latest version (its ETag is the version number)"), version, etag: true);
        var badRequest = ValidationResponse(document, T("内容有误（errors 按 Title、Slug、Fields.<字段名> 等列出），或缺少防伪令牌", "Errors (keyed Title, Slug, Fields.<name>…), or the antiforgery token is missing"));
        var unauthorized = ProblemResponse(document, T("未登录", "Not signed in"));
        var forbidden = ProblemResponse(document, T("没有权限，或内容不在你的网格内", "Not allowed, or the item is outside your grid units"));
        var notFound = ProblemResponse(document, T("没有这个类型或这条内容", "No such type or item"));
        var stale = ProblemResponse(document, T("If-Match 的版本不是最新版本", "If-Match names a version that is not the latest"));

        document.Paths![basePath] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new OpenApiOperation
                {
                    OperationId = $"list{name}",
                    Tags = tags,
                    Summary = T($"已发布的{display}", $"Published {display}"),
                    Description = T("公开；按类型的列表顺序（默认最新发布在前）分页。", "Public; paged in the type's list order (newest first by default)."),
                    Parameters =
                    [
                        Query("page", T("页码，从 1 开始", "Page, from 1"), new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" }),
                        Query("pageSize", T("每页条数（1–100）", "Items per page (1–100)"), new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = "100" }),
                        Query("q", T("标题包含的文字", "Text the title contains"), new OpenApiSchema { Type = JsonSchemaType.String }),
                    ],
                    Responses = Responses(
                        ("200", JsonResponse(T("一页内容", "A page of items"), Ref(document, $"{name}.Page"))),
                        ("400", ValidationResponse(document, T("分页参数有误", "Bad paging parameters"))),
                        ("404", notFound)),
                },
                [HttpMethod.Post] = new OpenApiOperation
                {
                    OperationId = $"create{name}",
                    Tags = tags,
                    Summary = T($"新建{display}", $"Create a {display}"),
                    Description = T("需要“编辑内容”权限；publish 为 true（或类型没有发布部件）时还需要“发布内容”权限。", "Needs Contents.Edit; with publish true (or when the type has no publish part) Contents.Publish too."),
                    Security = writer,
                    RequestBody = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, IOpenApiMediaType> { [Json] = new OpenApiMediaType { Schema = write } } },
                    Responses = Responses(
                        ("201", JsonResponse(T("已保存；Location 指向其最新版本", "Saved; Location names its latest version"), version, etag: true)),
                        ("400", badRequest), ("401", unauthorized), ("403", forbidden), ("404", notFound),
                        ("415", ProblemResponse(document, T("请求正文不是 JSON", "The body is not JSON")))),
                },
            },
        };

        document.Paths[$"{basePath}/{{id}}"] = new OpenApiPathItem
        {
            Parameters = [id],
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new OpenApiOperation
                {
                    OperationId = $"get{name}",
                    Tags = tags,
                    Summary = T($"一条已发布的{display}", $"A published {display}"),
                    Description = T("公开；未发布的内容返回 404。", "Public; 404 when the item is not published."),
                    Responses = Responses(("200", JsonResponse(T("已发布的版本", "The published version"), item)), ("404", notFound)),
                },
                [HttpMethod.Put] = new OpenApiOperation
                {
                    OperationId = $"update{name}",
                    Tags = tags,
                    Summary = T($"修改{display}", $"Update a {display}"),
                    Description = T(
                        "用请求中的值替换最新版本的值（未给出的字段被清空；已从类型删除的字段的值保留）。必须带上读到的版本号：正文的 version 或 If-Match。已发布的内容修改后成为新的草稿，除非 publish 为 true。",
                        "Replaces the latest version's values with the body's (fields left out are cleared; values of fields removed from the type are kept). Send the version you read, as \"version\" or If-Match. A published item's change becomes a new draft unless publish is true."),
                    Security = writer,
                    Parameters = [ifMatch],
                    RequestBody = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, IOpenApiMediaType> { [Json] = new OpenApiMediaType { Schema = write } } },
                    Responses = Responses(
                        ("200", edited), ("400", badRequest), ("401", unauthorized), ("403", forbidden), ("404", notFound),
                        ("409", ProblemResponse(document, T("正文中的 version 不是最新版本", "The body's version is not the latest"))),
                        ("412", stale),
                        ("415", ProblemResponse(document, T("请求正文不是 JSON", "The body is not JSON"))),
                        ("428", ProblemResponse(document, T("没有给出版本号", "No version was sent")))),
                },
                [HttpMethod.Delete] = new OpenApiOperation
                {
                    OperationId = $"delete{name}",
                    Tags = tags,
                    Summary = T($"删除{display}", $"Delete a {display}"),
                    Description = T("删除全部版本；需要“删除内容”权限。", "Deletes every version; needs Contents.Delete."),
                    Security = writer,
                    Parameters = [ifMatch],
                    Responses = Responses(
                        ("204", new OpenApiResponse { Description = T("已删除", "Deleted") }),
                        ("400", badRequest), ("401", unauthorized), ("403", forbidden), ("404", notFound), ("412", stale)),
                },
            },
        };

        document.Paths[$"{basePath}/{{id}}/latest"] = new OpenApiPathItem
        {
            Parameters = [id],
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new OpenApiOperation
                {
                    OperationId = $"getLatest{name}",
                    Tags = tags,
                    Summary = T($"{display}的最新版本（含草稿）", $"The latest version of a {display} (drafts included)"),
                    Description = T("需要“查看内容”权限。", "Needs Contents.View."),
                    Security = reader,
                    Responses = Responses(("200", edited), ("401", unauthorized), ("403", forbidden), ("404", notFound)),
                },
            },
        };

        document.Paths[$"{basePath}/{{id}}/versions"] = new OpenApiPathItem
        {
            Parameters = [id],
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new OpenApiOperation
                {
                    OperationId = $"getVersions{name}",
                    Tags = tags,
                    Summary = T($"{display}的全部版本，最新的在前", $"Every version of a {display}, newest first"),
                    Description = T("需要“查看内容”权限。", "Needs Contents.View."),
                    Security = reader,
                    Responses = Responses(
                        ("200", JsonResponse(T("版本", "The versions"), new OpenApiSchema { Type = JsonSchemaType.Array, Items = version })),
                        ("401", unauthorized), ("403", forbidden), ("404", notFound)),
                },
            },
        };

        foreach (var (action, chinese, english) in new[]
        {
            ("publish", "发布最新版本", "Publish the latest version"),
            ("unpublish", "撤下（版本保留）", "Take it off the public site (versions are kept)"),
            ("schedule", "定时发布最新版本，publishUtc 为 null 时取消", "Schedule the latest version, or clear the schedule with a null publishUtc"),
        })
        {
            var operation = new OpenApiOperation
            {
                OperationId = $"{action}{name}",
                Tags = tags,
                Summary = T(chinese, english),
                Description = T("需要“发布内容”权限。", "Needs Contents.Publish."),
                Security = writer,
                Parameters = [ifMatch],
                Responses = Responses(("200", edited), ("400", badRequest), ("401", unauthorized), ("403", forbidden), ("404", notFound), ("412", stale)),
            };
            if (action == "schedule")
            {
                operation.RequestBody = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, IOpenApiMediaType> { [Json] = new OpenApiMediaType { Schema = Ref(document, ScheduleSchema) } } };
            }

            document.Paths[$"{basePath}/{{id}}/{action}"] = new OpenApiPathItem { Parameters = [id], Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = operation } };
        }
    }

    private static OpenApiSchema ItemSchema(OpenApiDocument document, ContentTypeDefinition type, string display, Func<string, string, string> T, bool editor)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = T("内容编号", "The item's id") },
            ["contentType"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(type.Name)!] },
        };
        if (type.Has(ContentPartKind.Title))
        {
            properties["title"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = ContentValidator.MaxTitle };
        }

        if (type.Has(ContentPartKind.Route))
        {
            properties["slug"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = T("公开页面的地址", "The public page's path") };
            if (!editor)
            {
                properties["url"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = T("公开页面在本站的路径", "The public page's path in the site") };
            }
        }

        if (type.Part(ContentPartKind.Body) is { } body)
        {
            properties["bodyFormat"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(body.Format == BodyFormat.Html ? "html" : "markdown")!] };
            properties["body"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = body.Format == BodyFormat.Html
                    ? T("正文（已净化的 HTML）", "The body (sanitised HTML)")
                    : T("正文（Markdown 原文，未净化；显示请用 bodyHtml）", "The body (Markdown as written, not sanitised: show bodyHtml)"),
            };
            properties["bodyHtml"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = T("正文的安全 HTML", "The body as safe HTML") };
        }

        if (type.Has(ContentPartKind.Grid))
        {
            properties["gridUnitCode"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = T("所属网格单元的编码", "The grid unit's code") };
        }

        if (type.Has(ContentPartKind.Location))
        {
            properties["location"] = Ref(document, LocationSchema);
        }

        properties["fields"] = Ref(document, $"{type.Name}.Fields");
        properties["createdUtc"] = DateTimeSchema(T("创建时间（UTC）", "Created (UTC)"));
        properties["modifiedUtc"] = DateTimeSchema(T("此版本的保存时间（UTC）", "This version saved (UTC)"));
        properties["publishedUtc"] = DateTimeSchema(T("发布时间（UTC）", "Published (UTC)"));
        var required = new HashSet<string>(["id", "contentType", "fields", "createdUtc", "modifiedUtc"], StringComparer.Ordinal);
        if (editor)
        {
            properties["version"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = T("版本号（修改时带回）", "The version number (send it back with a change)") };
            properties["latest"] = new OpenApiSchema { Type = JsonSchemaType.Boolean };
            properties["published"] = new OpenApiSchema { Type = JsonSchemaType.Boolean };
            properties["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("draft")!, JsonValue.Create("published")!, JsonValue.Create("scheduled")!] };
            properties["publishedVersion"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = T("已发布的版本号", "The published version's number") };
            properties["scheduledUtc"] = DateTimeSchema(T("定时发布时间（UTC）", "Scheduled publishing (UTC)"));
            properties["author"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = T("保存此版本的用户", "Who saved this version") };
            if (type.Has(ContentPartKind.Owner))
            {
                properties["ownerName"] = new OpenApiSchema { Type = JsonSchemaType.String };
            }

            properties["removedFields"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = T("已从类型中删除的字段的旧值（不公开，修改时保留）", "Values of fields removed from the type (not public; kept by changes)"),
            };
            required.UnionWith(["version", "latest", "published"]);
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Title = editor ? T($"{display}（编辑视图）", $"{display} (editors' view)") : display,
            Properties = properties,
            Required = required,
        };
    }

    private static OpenApiSchema WriteSchema(OpenApiDocument document, ContentTypeDefinition type, string display, Func<string, string, string> T)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        void Part(ContentPartKind kind, string name, IOpenApiSchema schema)
        {
            if (type.Part(kind) is { } part)
            {
                properties[name] = schema;
                if (part.Required)
                {
                    required.Add(name);
                }
            }
        }

        Part(ContentPartKind.Title, "title", new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = ContentValidator.MaxTitle });
        Part(ContentPartKind.Body, "body", new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            MaxLength = ContentValidator.MaxBody,
            Description = type.Part(ContentPartKind.Body)?.Format == BodyFormat.Html
                ? T("HTML，保存时净化", "HTML, sanitised when saved")
                : T("Markdown", "Markdown"),
        });
        if (type.Has(ContentPartKind.Route))
        {
            properties["slug"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = T("公开页面的地址；不填时自动生成", "The public page's path; made up when left out") };
        }

        Part(ContentPartKind.Grid, "gridUnitCode", new OpenApiSchema { Type = JsonSchemaType.String, Description = T("网格单元编码", "A grid unit's code") });
        Part(ContentPartKind.Location, "location", Ref(document, LocationSchema));
        properties["fields"] = Ref(document, $"{type.Name}.Fields");
        if (type.Fields.Exists(f => f.Required && f.Kind != ContentFieldKind.Boolean))
        {
            required.Add("fields");
        }

        properties["publish"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Boolean,
            Default = JsonValue.Create(false),
            Description = T("保存后立即发布（需要“发布内容”权限）", "Publish the saved version at once (needs Contents.Publish)"),
        };
        properties["version"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = T("修改时：你读到的版本号（或用 If-Match）", "Updates: the version you read (or If-Match)") };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Title = T($"写入{display}", $"Writing a {display}"),
            Properties = properties,
            Required = required,
            AdditionalPropertiesAllowed = false,
        };
    }

    private static void AddCommonSchemas(IDictionary<string, IOpenApiSchema> schemas, Func<string, string, string> T)
    {
        schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = T("RFC 7807 错误说明", "RFC 7807 problem details"),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        schemas[ValidationProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = T("RFC 7807 错误说明，errors 按出错的项列出", "RFC 7807 problem details with the errors by what they are about"),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = T("键为 Title、Body、Slug、GridUnitCode、Location、Fields.<字段名>、ScheduledUtc 等", "Keyed Title, Body, Slug, GridUnitCode, Location, Fields.<name>, ScheduledUtc…"),
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            },
        };
        schemas[LocationSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = T("WGS84 坐标和地址，可只填其一", "A WGS84 point and an address, either or both"),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["longitude"] = new OpenApiSchema { Type = JsonSchemaType.Number, Minimum = "-180", Maximum = "180" },
                ["latitude"] = new OpenApiSchema { Type = JsonSchemaType.Number, Minimum = "-90", Maximum = "90" },
                ["address"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 300 },
            },
            AdditionalPropertiesAllowed = false,
        };
        schemas[LinkSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = T("http 或 https 网址和可选的链接文字", "An http or https address with an optional text"),
            Required = new HashSet<string>(["url"], StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["url"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", MaxLength = 2_000 },
                ["text"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
            },
        };
        schemas[ScheduleSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["publishUtc"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String | JsonSchemaType.Null,
                    Format = "date-time",
                    Description = T("将来的时间，带时区（Z 或 +08:00）；null 取消定时", "A future time with its offset (Z or +08:00); null clears the schedule"),
                },
            },
            AdditionalPropertiesAllowed = false,
        };
        schemas[AntiforgeryTokenSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string>(["token", "headerName"], StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["token"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["headerName"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("RequestVerificationToken")!] },
            },
        };
    }

    private static OpenApiSchema Array(OpenApiSchema items, int maxItems) => new()
    {
        Type = JsonSchemaType.Array,
        Items = items,
        MaxItems = maxItems,
        UniqueItems = true,
    };

    private static OpenApiSchema DateTimeSchema(string description) =>
        new() { Type = JsonSchemaType.String, Format = "date-time", Description = description };

    private static OpenApiSchemaReference Ref(OpenApiDocument document, string schema) => new(schema, document);

    private static OpenApiParameter Query(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Query, Description = description, Schema = schema };

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, params string[] schemes)
    {
        var requirement = new OpenApiSecurityRequirement();
        foreach (var scheme in schemes)
        {
            requirement[new OpenApiSecuritySchemeReference(scheme, document)] = [];
        }

        return requirement;
    }

    private static OpenApiResponse JsonResponse(string description, IOpenApiSchema schema, bool etag = false)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { [Json] = new OpenApiMediaType { Schema = schema } },
        };
        if (etag)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["ETag"] = new OpenApiHeader { Description = "\"<version>\"", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }

        return response;
    }

    private static OpenApiResponse ProblemResponse(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType> { [ProblemJson] = new OpenApiMediaType { Schema = Ref(document, ProblemSchema) } },
    };

    private static OpenApiResponse ValidationResponse(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType> { [ProblemJson] = new OpenApiMediaType { Schema = Ref(document, ValidationProblemSchema) } },
    };
}
