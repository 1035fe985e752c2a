using System.Net;
using System.Text;
using GovPlatform.Core.Shells;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GovPlatform.Core.Pages;

/// <summary>
/// The host's own answers when a tenant cannot serve a request: unknown, disabled, being set up, not set up, broken.
/// Browsers get a bilingual HTML page (Chinese first), API clients RFC 7807 problem details.
/// </summary>
public static class TenantStatusPages
{
    public static Task UnknownAsync(HttpContext context, string? name) => WriteAsync(context, StatusCodes.Status404NotFound,
        "未找到该站点", "Site not found",
        name is null ? "此地址没有对应的区县站点。" : $"没有名为“{name}”的区县站点。",
        name is null ? "No district site answers at this address." : $"There is no district site named '{name}'.",
        details: null);

    public static Task DisabledAsync(HttpContext context, ShellSettings settings) => WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
        $"{settings.GetDisplayName("zh-CN")}站点已停用", $"{settings.GetDisplayName("en")} is switched off",
        "该站点已被平台管理员停用，请稍后再试。", "A host administrator has disabled this site. Please try again later.",
        details: null);

    public static Task InitializingAsync(HttpContext context, ShellSettings settings)
    {
        context.Response.Headers.RetryAfter = "5";
        return WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
            $"{settings.GetDisplayName("zh-CN")}站点正在初始化", $"{settings.GetDisplayName("en")} is being set up",
            "正在按配方初始化站点，请稍候刷新。", "The site is being set up from its recipe. Refresh in a moment.",
            details: null);
    }

    public static Task UnavailableAsync(HttpContext context, ShellSettings settings)
    {
        context.Response.Headers.RetryAfter = "5";
        return WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
            $"{settings.GetDisplayName("zh-CN")}站点暂时无法访问", $"{settings.GetDisplayName("en")} is temporarily unavailable",
            "站点的数据库暂时无法连接，恢复后站点会自动可用，请稍后刷新。",
            "The site's database cannot be reached just now. The site comes back by itself when it returns; please refresh in a moment.",
            details: null);
    }

    public static Task InvalidAsync(HttpContext context, ShellSettings settings, bool showDetails) => WriteAsync(context, StatusCodes.Status500InternalServerError,
        $"{settings.GetDisplayName("zh-CN")}站点启动失败", $"{settings.GetDisplayName("en")} failed to start",
        "该站点的配置或模块出错，平台管理员已在日志和主机管理接口中看到原因。其他站点不受影响。",
        "This site's definition or one of its modules is broken; the reason is in the host log and the host API. Other sites are not affected.",
        showDetails ? settings.Error : null);

    public static Task SetupAsync(HttpContext context, ShellSettings settings)
    {
        var failure = settings.SetupError;
        var details = failure is null
            ? null
            : $"配方 {failure.Recipe} 第 {failure.StepIndex + 1} 步（{failure.StepName}）失败 / recipe '{failure.Recipe}' failed at step {failure.StepIndex + 1} ('{failure.StepName}'): {failure.Message}";
        return WriteAsync(context, failure is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
            $"{settings.GetDisplayName("zh-CN")}站点尚未初始化", $"{settings.GetDisplayName("en")} has not been set up",
            $"平台管理员可用配方“{settings.Recipe ?? "（未指定）"}”初始化此站点：POST /api/tenants/{settings.Name}/setup。",
            $"A host administrator sets this site up with recipe '{settings.Recipe ?? "(none named)"}': POST /api/tenants/{settings.Name}/setup.",
            details,
            extraClass: "setup");
    }

    private static async Task WriteAsync(HttpContext context, int status, string titleZh, string titleEn, string textZh, string textEn, string? details, string extraClass = "")
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        if (!WantsHtml(context.Request))
        {
            var problem = new ProblemDetails
            {
                Status = status,
                Title = titleEn,
                Detail = details is null ? textEn : $"{textEn} {details}",
                Instance = context.Request.PathBase + context.Request.Path,
            };
            problem.Extensions["title_zh"] = titleZh;
            problem.Extensions["traceId"] = context.TraceIdentifier;
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
            return;
        }

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(titleZh)).Append(" · ").Append(Encode(titleEn)).Append("</title>")
            .Append("<style>body{font-family:system-ui,\"Noto Sans CJK SC\",\"PingFang SC\",sans-serif;margin:0;background:#f5f6f8;color:#1f2933}")
            .Append("main{max-width:40rem;margin:12vh auto;padding:2rem;background:#fff;border-top:4px solid #b91c1c;border-radius:6px}")
            .Append("main.setup{border-top-color:#1d4ed8}h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.1rem;color:#52606d;margin:1.5rem 0 .5rem}")
            .Append("pre{white-space:pre-wrap;background:#f5f6f8;padding:1rem;border-radius:4px}small{color:#7b8794}</style></head><body>")
            .Append("<main class=\"").Append(extraClass).Append("\">")
            .Append("<h1>").Append(Encode(titleZh)).Append("</h1><p>").Append(Encode(textZh)).Append("</p>")
            .Append("<h2 lang=\"en\">").Append(Encode(titleEn)).Append("</h2><p lang=\"en\">").Append(Encode(textEn)).Append("</p>");
        if (details is not null)
        {
            html.Append("<pre>").Append(Encode(details)).Append("</pre>");
        }

        html.Append("<small>").Append(status).Append(" · ").Append(Encode(context.TraceIdentifier)).Append("</small></main></body></html>");
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html.ToString());
    }

    private static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
