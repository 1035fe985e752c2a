using GovPlatform.Core.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Tenants.Api;

/// <summary>Lets a request through only with the host API key, as <c>Authorization: Bearer …</c> or <c>X-Api-Key</c>.</summary>
internal sealed class HostApiKeyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var presented = request.Headers["X-Api-Key"].ToString();
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }

        var key = context.HttpContext.RequestServices.GetRequiredService<HostApiKey>();
        if (!key.Matches(presented))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"GovPlatform host API\"";
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Host API key required",
                detail: key.IsConfigured
                    ? "Send the host API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."
                    : "The host API is off: no GovPlatform:HostApiKey is configured. Manage tenants in the host admin at /admin/tenants.");
        }

        return await next(context);
    }
}
