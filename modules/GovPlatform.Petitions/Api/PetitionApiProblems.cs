using System.Globalization;
using GovPlatform.Localization;
using GovPlatform.Security;
using Microsoft.AspNetCore.Http;

namespace GovPlatform.Petitions.Api;

/// <summary>
/// The API's refusals as RFC 7807 problem details (<c>application/problem+json</c>), in the request's language. Every
/// problem has a machine-readable <c>code</c> beside its status, so that a client can tell two 400s apart without
/// reading the text.
/// </summary>
internal static class PetitionApiProblems
{
    /// <summary>Whether the request's language is English (Chinese otherwise).</summary>
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the request's language.</summary>
    public static string L(string chinese, string english) => English ? english : chinese;

    /// <summary>A bilingual text in the request's language.</summary>
    public static string L(BilingualText text) => English ? text.English : text.Chinese;

    public static IResult Problem(int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            all[key] = value;
        }

        return Results.Problem(statusCode: status, title: title, detail: detail, extensions: all);
    }

    public static IResult Unauthorized() => Problem(
        StatusCodes.Status401Unauthorized, "unauthorized", L("需要登录", "Sign-in required"),
        L("请先登录本站（account/login），再带着登录 Cookie 调用此接口。", "Sign in to this site (account/login) and call the API with its sign-in cookie."));

    public static IResult Forbidden(Permission permission) => Problem(
        StatusCodes.Status403Forbidden, "forbidden", L("没有权限", "Not allowed"),
        L($"你没有“{permission.Title.Chinese}”的权限，或这件诉求不在你负责的网格内。",
          $"You do not hold '{permission.Title.English}', or the petition is outside your grid units."),
        new Dictionary<string, object?> { ["permission"] = permission.Name });

    /// <summary>403 from the loop: the user's permissions on the petition's handling unit do not cover the command.</summary>
    public static IResult CommandForbidden(BilingualText? message) => Problem(
        StatusCodes.Status403Forbidden, "forbidden", L("没有权限", "Not allowed"),
        message is { } text ? L(text) : L("您没有对这件诉求执行此操作的权限。", "You may not do this on this petition."));

    public static IResult Antiforgery() => Problem(
        StatusCodes.Status400BadRequest, "antiforgery", L("缺少或无效的防伪令牌", "Antiforgery token missing or invalid"),
        L("用登录 Cookie 提交时，请在 RequestVerificationToken 请求头中带上 GET api/petitions/antiforgery 返回的令牌（登录后获取）。",
          "A request made with the sign-in cookie needs the token from GET api/petitions/antiforgery (read after signing in) in the RequestVerificationToken header."));

    public static IResult IdempotencyKeyMissing() => Validation(
        "idempotency-key",
        new Dictionary<string, string>
        {
            ["idempotencyKey"] = L("请在 Idempotency-Key 请求头中带上本次提交的唯一标识（如 UUID，最多 100 个字符）；重试时带上同一个。",
                "Send a unique key for this request in the Idempotency-Key header (a UUID, say; at most 100 characters), and the same key when retrying."),
        });

    public static IResult IdempotencyKeyTooLong() => Validation(
        "idempotency-key",
        new Dictionary<string, string> { ["idempotencyKey"] = L("Idempotency-Key 不能超过 100 个字符。", "The Idempotency-Key may have at most 100 characters.") });

    /// <summary>The key names an earlier request that was not this one: answering with its result would hand out another's petition.</summary>
    public static IResult IdempotencyKeyReused() => Validation(
        "idempotency-key",
        new Dictionary<string, string>
        {
            ["idempotencyKey"] = L("这个 Idempotency-Key 已用于另一次内容不同的提交；新的提交请换一个。",
                "This Idempotency-Key was used for another request with different content; use a new key for a new request."),
        });

    public static IResult NotFound() => Problem(
        StatusCodes.Status404NotFound, "not-found", L("找不到这件诉求", "No such petition"),
        L("没有这件诉求，或它不在你可查看的范围内。", "There is no such petition, or it is outside what you may see."));

    public static IResult TrackingNotFound() => Problem(
        StatusCodes.Status404NotFound, "not-found", L("查询不到", "Not found"),
        L("没有与这个受理编号和手机号都相符的诉求，请核对后再查。", "No petition matches both this tracking number and this phone; check them and try again."));

    public static IResult UnknownAction(string action) => Problem(
        StatusCodes.Status404NotFound, "unknown-action", L("没有这个操作", "No such action"),
        L($"没有名为“{action}”的操作；可用的操作见 OpenAPI 文档或诉求详情中的 allowedActions。",
          $"There is no action '{action}'; the actions are listed in the OpenAPI document and in a petition's allowedActions."));

    public static IResult NotAllowed(BilingualText? message) => Problem(
        StatusCodes.Status409Conflict, "not-allowed", L("当前环节不能执行此操作", "Not possible at this stage"),
        message is { } text ? L(text) : L("诉求当前所处的环节不允许这个操作。", "The petition's stage does not allow this action now."));

    public static IResult VersionRequired() => Problem(
        StatusCodes.Status428PreconditionRequired, "version-required", L("需要版本号", "Version required"),
        L("请在 If-Match 请求头中带上你读到的版本号（GET api/petitions/{id} 返回的 ETag），如 If-Match: \"3\"。",
          "Send the version you read (the ETag of GET api/petitions/{id}) in an If-Match header, such as If-Match: \"3\"."));

    public static IResult BadIfMatch() => Problem(
        StatusCodes.Status400BadRequest, "bad-if-match", L("If-Match 格式不对", "Malformed If-Match"),
        L("If-Match 请求头应为带引号的版本号，如 If-Match: \"3\"。", "If-Match takes a quoted version number, such as If-Match: \"3\"."));

    public static IResult Stale(int? current, BilingualText? message = null) => Problem(
        StatusCodes.Status412PreconditionFailed, "stale", L("诉求已被更新", "The petition has changed"),
        message is { } text ? L(text) : L("这件诉求已被他人更新，请重新读取后再操作。", "Someone else has changed this petition; read it again and redo your action."),
        new Dictionary<string, object?> { ["currentVersion"] = current });

    public static IResult UnsupportedMediaType() => Problem(
        StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", L("请求正文须为 JSON", "The body must be JSON"),
        L("请以 Content-Type: application/json 发送请求正文；附件以 base64 放在 attachments 中。",
          "Send the body with Content-Type: application/json; attachments go base64-encoded in \"attachments\"."));

    public static IResult TooLarge() => Problem(
        StatusCodes.Status413PayloadTooLarge, "too-large", L("请求过大", "The request is too large"),
        L("请求正文超过了服务器允许的大小；请压缩照片或视频，或分几次提交（附件也可在办理时随操作补充）。",
          "The body is larger than the server accepts; make the photos or video smaller, or send them in several requests (attachments can also come with later commands)."));

    public static IResult BadJson(string? path) => Problem(
        StatusCodes.Status400BadRequest, "bad-json", L("请求正文无法读取", "The body cannot be read"),
        L($"请求正文不是这个接口要求的 JSON（位置 {path ?? "$"}：未知的属性、值的类型不对，或附件不是有效的 base64）。",
          $"The body is not the JSON this endpoint takes (at {path ?? "$"}: an unknown property, a value of the wrong type, or an attachment that is not valid base64)."));

    /// <summary>400 with the errors by field (the intake's and the loop's field names); <paramref name="general"/> becomes the detail.</summary>
    public static IResult Validation(string code, IReadOnlyDictionary<string, string> errors, string? general = null) => Results.ValidationProblem(
        errors.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal),
        title: L("提交的内容有误", "The request has errors"),
        detail: general ?? L("请按 errors 中的说明修改后再提交。", "Correct what errors lists and send it again."),
        extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code });

    /// <summary>400 for the intake's or the loop's errors (field → bilingual message; "" is a general one).</summary>
    public static IResult Invalid(IReadOnlyDictionary<string, BilingualText> errors) => Validation(
        "invalid",
        errors.Where(e => e.Key.Length > 0).ToDictionary(e => e.Key, e => L(e.Value), StringComparer.Ordinal),
        errors.TryGetValue("", out var general) ? L(general) : null);

    /// <summary>400 for query parameters of a list.</summary>
    public static IResult BadQuery(IReadOnlyDictionary<string, string> errors) => Validation("bad-query", errors);
}
