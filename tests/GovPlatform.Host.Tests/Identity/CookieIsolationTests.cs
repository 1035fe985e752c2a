using System.Net;
using GovPlatform.Host.Tests.Infrastructure;
using static GovPlatform.Host.Tests.Identity.IdentityTestSupport;

namespace GovPlatform.Host.Tests.Identity;

/// <summary>Each tenant's sign-in cookie has its own name, path and data-protection purpose.</summary>
public sealed class CookieIsolationTests
{
    [Fact]
    public async Task A_cookie_issued_by_one_tenant_is_rejected_by_another_on_the_same_host_even_under_its_name()
    {
        await using var host = new TestHost().WithIdentityTenant("alpha").WithIdentityTenant("beta");
        host.Start();
        await host.WarmAsync("alpha", "beta");

        var signedIn = await SignInAsync(host.Client(), "alpha", "admin", AdminPassword);
        var value = CookieValue(signedIn, ".gp.alpha.auth");
        Assert.False(string.IsNullOrEmpty(value));

        // The same user name and password exist in beta, but alpha's ticket means nothing there.
        Assert.Equal(HttpStatusCode.OK, (await Send("/alpha/test-cases", $".gp.alpha.auth={value}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send("/beta/test-cases", $".gp.alpha.auth={value}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send("/beta/test-cases", $".gp.beta.auth={value}")).StatusCode);

        // And beta's own cookie works there.
        var beta = CookieValue(await SignInAsync(host.Client(), "beta", "admin", AdminPassword), ".gp.beta.auth");
        Assert.Equal(HttpStatusCode.OK, (await Send("/beta/test-cases", $".gp.beta.auth={beta}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send("/alpha/test-cases", $".gp.alpha.auth={beta}")).StatusCode);

        async Task<HttpResponseMessage> Send(string path, string cookie)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookie);
            return await host.Client().SendAsync(request);
        }
    }
}
