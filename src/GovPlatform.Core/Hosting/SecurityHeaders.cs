using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace GovPlatform.Core.Hosting;

/// <summary>
/// The headers on every answer of every tenant: no sniffing, no framing, a strict referrer policy, a permissions
/// policy, and a content security policy that allows only the site's own scripts, styles, images and forms (the host
/// works offline: no CDN). The values never change, so they are made once and set before the request goes on:
/// NetEscapades.AspNetCore.SecurityHeaders evaluated its policies on every response and cost 15 % of a trivial
/// request's CPU time (benchmarks/README.md).
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues Deny = "DENY";
    private static readonly StringValues Referrer = "strict-origin-when-cross-origin";
    private static readonly StringValues CrossOriginOpener = "same-origin";
    private static readonly StringValues Permissions = "camera=(self), geolocation=(self), microphone=(), payment=()";
    private static readonly StringValues ContentSecurity = string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'");

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = NoSniff;
        headers.XFrameOptions = Deny;
        headers["Referrer-Policy"] = Referrer;
        headers["Cross-Origin-Opener-Policy"] = CrossOriginOpener;
        headers["Permissions-Policy"] = Permissions;
        headers.ContentSecurityPolicy = ContentSecurity;
        return next(context);
    }
}
