using Microsoft.AspNetCore.Builder;

namespace GovPlatform.Core.Hosting;

/// <summary>
/// The headers on every answer of every tenant: no sniffing, no framing, a strict referrer policy, and a content
/// security policy that allows only the site's own scripts, styles, images and forms (the host works offline: no CDN).
/// </summary>
internal static class SecurityHeaders
{
    public static readonly HeaderPolicyCollection Policy = new HeaderPolicyCollection()
        .AddDefaultSecurityHeaders()
        .AddPermissionsPolicy(permissions =>
        {
            permissions.AddCamera().Self();
            permissions.AddGeolocation().Self();
            permissions.AddMicrophone().None();
            permissions.AddPayment().None();
        })
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self();
            csp.AddStyleSrc().Self().UnsafeInline();
            csp.AddImgSrc().Self().Data().Blob();
            csp.AddFontSrc().Self();
            csp.AddConnectSrc().Self();
            csp.AddFormAction().Self();
            csp.AddFrameAncestors().None();
            csp.AddBaseUri().Self();
            csp.AddObjectSrc().None();
        });
}
