using Microsoft.AspNetCore.Mvc;

namespace GovPlatform.Host;

/// <summary>Unhandled errors become problem details with a trace id and no stack trace.</summary>
internal static class HostErrors
{
    public static Task WriteProblemAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "服务器内部错误 / Internal server error",
            Detail = "The request failed; the error is in the host log under this trace id.",
        };
        problem.Extensions["traceId"] = context.TraceIdentifier;
        return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
