using System.Globalization;
using System.Threading.RateLimiting;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;

namespace GovPlatform.Core.Security;

/// <summary>
/// Rate limiting for every tenant from one host-wide limiter, partitioned by tenant, policy and client address.
/// Endpoints opt in with the standard <c>.RequireRateLimiting(RateLimitPolicies.SignIn)</c>. ASP.NET Core's own
/// middleware would give each shell limiters with timers that outlive the shell and keep its pipeline alive; one
/// limiter for the host costs nothing per tenant. Limits come from the tenant's settings
/// (<c>RateLimits:SignIn:PermitLimit</c>, <c>RateLimits:SignIn:WindowSeconds</c>; the same for <c>PublicForm</c>).
/// </summary>
public sealed class TenantRateLimiting : IAsyncDisposable
{
    private static readonly Dictionary<string, (string Section, int Permits)> Policies = new(StringComparer.Ordinal)
    {
        [RateLimitPolicies.SignIn] = ("SignIn", 10),
        [RateLimitPolicies.PublicForm] = ("PublicForm", 20),
    };

    private readonly PartitionedRateLimiter<Key> _limiter = PartitionedRateLimiter.Create<Key, Key>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
        {
            PermitLimit = k.Permits,
            Window = TimeSpan.FromSeconds(k.WindowSeconds),
            QueueLimit = 0,
        }));

    /// <summary>The limits one tenant applies, read from its configuration when its shell is built.</summary>
    public sealed class TenantLimits(string tenant, IConfiguration configuration)
    {
        internal string Tenant { get; } = tenant;

        internal IReadOnlyDictionary<string, (int Permits, int WindowSeconds)> Limits { get; } = Policies.ToDictionary(
            p => p.Key,
            p => (Math.Max(1, configuration.GetValue($"RateLimits:{p.Value.Section}:PermitLimit", p.Value.Permits)),
                  Math.Max(1, configuration.GetValue($"RateLimits:{p.Value.Section}:WindowSeconds", 60))),
            StringComparer.Ordinal);
    }

    /// <summary>The shell middleware: after routing, before the endpoint.</summary>
    public async Task InvokeAsync(HttpContext context, TenantLimits limits, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(next);
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        if (policy is null || !limits.Limits.TryGetValue(policy, out var limit))
        {
            await next(context);
            return;
        }

        var key = new Key(limits.Tenant, policy, context.Connection.RemoteIpAddress?.ToString() ?? "", limit.Permits, limit.WindowSeconds);
        using var lease = await _limiter.AcquireAsync(key, 1, context.RequestAborted);
        if (lease.IsAcquired)
        {
            await next(context);
            return;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(limit.WindowSeconds);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        await Results.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = english ? "Too many attempts" : "尝试次数过多",
            Detail = english ? $"Please wait {seconds} seconds and try again." : $"请等待 {seconds} 秒后再试。",
        }).ExecuteAsync(context);
    }

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();

    private readonly record struct Key(string Tenant, string Policy, string Client, int Permits, int WindowSeconds);
}
