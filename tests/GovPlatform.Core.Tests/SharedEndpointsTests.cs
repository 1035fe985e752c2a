using GovPlatform.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Core.Tests;

public sealed class SharedEndpointsTests
{
    [Fact]
    public async Task Two_apps_mapping_the_same_handler_share_one_compiled_delegate_that_still_binds_per_request()
    {
        await using var first = App("first");
        await using var second = App("second");
        first.MapGetShared("/units/{code}", Handler);
        second.MapGetShared("/units/{code}", Handler);

        var a = Endpoint(first, "/units/{code}");
        var b = Endpoint(second, "/units/{code}");
        Assert.Same(a.RequestDelegate, b.RequestDelegate);
        Assert.Contains(a.Metadata, m => m is HttpMethodMetadata { HttpMethods: ["GET"] });

        var context = new DefaultHttpContext { RequestServices = second.Services };
        context.Request.RouteValues["code"] = "D-01";
        context.Request.QueryString = new QueryString("?page=3");
        context.Response.Body = new MemoryStream();
        await b.RequestDelegate!(context);
        context.Response.Body.Position = 0;
        Assert.Equal("D-01:3:second", await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task A_handler_that_captures_state_or_an_endpoint_filter_is_refused()
    {
        await using var app = App("third");
        var captured = "shell state";
        Assert.Throws<ArgumentException>(() => app.MapGetShared("/captures", () => captured));

        app.MapPostShared("/filtered", Handler).AddEndpointFilter((context, next) => next(context));
        var error = Assert.Throws<InvalidOperationException>(() => ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).ToList());
        Assert.Contains("/filtered", error.Message, StringComparison.Ordinal);
    }

    private static string Handler(string code, int page, Marker marker) => $"{code}:{page}:{marker.Name}";

    private static WebApplication App(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton(new Marker(name));
        return builder.Build();
    }

    private static RouteEndpoint Endpoint(WebApplication app, string pattern) =>
        ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Single(e => e.RoutePattern.RawText == pattern);

    private sealed record Marker(string Name);
}
