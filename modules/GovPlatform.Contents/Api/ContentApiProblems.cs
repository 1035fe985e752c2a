using GovPlatform.Security;
using Microsoft.AspNetCore.Http;
using static GovPlatform.Contents.Services.ContentText;

namespace GovPlatform.Contents.Api;

/// <summary>The API's refusals as RFC 7807 problem details (<c>application/problem+json</c>), in the reader's language.</summary>
internal static class ContentApiProblems
{
    public static IResult Problem(int status, string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);

    public static IResult Unauthorized() => Problem(
        StatusCodes.Status401Unauthorized, L("需要登录", "Sign-in required"),
        L("请先登录本站（account/login），再带着登录 Cookie 调用此接口。", "Sign in to this site (account/login) and call the API with its sign-in cookie."));

    public static IResult Forbidden(Permission permission) => Problem(
        StatusCodes.Status403Forbidden, L("没有权限", "Not allowed"),
        L($"你没有“{permission.Title.Chinese}”的权限，或这条内容不在你负责的网格内。",
          $"You do not hold '{permission.Title.English}', or the item is outside your grid units."),
        new Dictionary<string, object?> { ["permission"] = permission.Name });

    public static IResult Antiforgery() => Problem(
        StatusCodes.Status400BadRequest, L("缺少或无效的防伪令牌", "Antiforgery token missing or invalid"),
        L("用登录 Cookie 修改数据时，请在 RequestVerificationToken 请求头中带上 GET api/contents/antiforgery 返回的令牌（登录后获取）。",
          "A change made with the sign-in cookie needs the token from GET api/contents/antiforgery (read after signing in) in the RequestVerificationToken header."),
        new Dictionary<string, object?> { ["code"] = "antiforgery" });

    public static IResult UnknownType(string type) => Problem(
        StatusCodes.Status404NotFound, L("没有这个内容类型", "No such content type"),
        L($"本站没有内容类型“{type}”。", $"This site has no content type '{type}'."));

    public static IResult ItemNotFound(string type, string id) => Problem(
        StatusCodes.Status404NotFound, L("没有这条内容", "No such item"),
        L($"没有“{type}”类型、编号为“{id}”的内容。", $"There is no '{type}' item '{id}'."));

    public static IResult NotPublished(string type, string id) => Problem(
        StatusCodes.Status404NotFound, L("没有这条内容", "No such item"),
        L($"没有已发布的“{type}”内容“{id}”。", $"There is no published '{type}' item '{id}'."));

    public static IResult VersionRequired() => Problem(
        StatusCodes.Status428PreconditionRequired, L("需要版本号", "Version required"),
        L("修改时请带上你读到的版本号：请求正文中的 version，或请求头 If-Match: \"<版本号>\"。",
          "Send the version you read: \"version\" in the body or an If-Match: \"<version>\" header."));

    public static IResult BadIfMatch() => Problem(
        StatusCodes.Status400BadRequest, L("If-Match 格式不对", "Malformed If-Match"),
        L("If-Match 请求头应为带引号的版本号，如 If-Match: \"3\"。", "If-Match takes a quoted version number, such as If-Match: \"3\"."));

    public static IResult Stale(bool ifMatch, int current, string? detail = null) => Problem(
        ifMatch ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict,
        L("内容已被修改", "The item has changed"),
        detail ?? L($"这条内容的最新版本是第 {current} 版，请重新读取后再修改。", $"The item's latest version is {current}; read it again and redo your change."),
        new Dictionary<string, object?> { ["currentVersion"] = current });

    public static IResult UnsupportedMediaType() => Problem(
        StatusCodes.Status415UnsupportedMediaType, L("请求正文须为 JSON", "The body must be JSON"),
        L("请以 Content-Type: application/json 发送请求正文。", "Send the body with Content-Type: application/json."));

    public static IResult BadJson(string? path) => Problem(
        StatusCodes.Status400BadRequest, L("请求正文无法读取", "The body cannot be read"),
        L($"请求正文不是这个接口要求的 JSON（位置 {path ?? "$"}：未知的属性，或值的类型不对）。",
          $"The body is not the JSON this endpoint takes (at {path ?? "$"}: an unknown property, or a value of the wrong type)."));

    /// <summary>400 with the errors keyed as the content manager keys them (<c>Title</c>, <c>Fields.budget</c>…).</summary>
    public static IResult Validation(IReadOnlyDictionary<string, string> errors) => Results.ValidationProblem(
        errors.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal),
        title: L("内容有误", "The content has errors"),
        detail: L("请按 errors 中的说明修改后再提交。", "Correct what errors lists and send it again."));

    /// <summary>The answer to a change the content manager refused.</summary>
    public static IResult Refused(IReadOnlyDictionary<string, string> errors, string type, string id, bool ifMatch, int current)
    {
        if (errors.TryGetValue("Version", out var version))
        {
            return Stale(ifMatch, current, version);
        }

        return errors.ContainsKey("ContentItemId") || errors.ContainsKey("ContentType") ? ItemNotFound(type, id) : Validation(errors);
    }
}
