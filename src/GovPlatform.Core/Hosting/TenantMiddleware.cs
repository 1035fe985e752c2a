using GovPlatform.Core.Data;
using GovPlatform.Core.Pages;
using GovPlatform.Core.Shells;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovPlatform.Core.Hosting;

/// <summary>
/// The host's last middleware: resolves the tenant (host name, then URL prefix, then header, then Default), moves
/// the prefix into PathBase, and runs the request through the tenant's own pipeline with the tenant's scope as
/// RequestServices. Tenants that cannot serve get the host's status pages.
/// </summary>
public sealed class TenantMiddleware(
#pragma warning disable CS9113 // Terminal middleware: the host's next is never called.
    RequestDelegate next,
#pragma warning restore CS9113
    ShellHost shells,
    IOptions<GovPlatformOptions> options,
    IWebHostEnvironment environment,
    ILogger<TenantMiddleware> logger)
{
    private readonly string _tenantHeader = options.Value.TenantHeader;

    public async Task InvokeAsync(HttpContext context)
    {
        var routes = shells.Routes;
        var path = context.Request.Path.Value ?? "";
        var settings = routes.Match(HostName(context.Request.Host.Value), FirstSegment(path), out var prefix);
        if (settings is null && context.Request.Headers.TryGetValue(_tenantHeader, out var header) && !string.IsNullOrEmpty(header))
        {
            settings = routes.ByName(header.ToString().Trim().ToLowerInvariant());
            if (settings is null)
            {
                await TenantStatusPages.UnknownAsync(context, header.ToString());
                return;
            }
        }

        settings ??= routes.Fallback;
        if (settings is null)
        {
            await TenantStatusPages.UnknownAsync(context, null);
            return;
        }

        var originalPathBase = context.Request.PathBase;
        var originalPath = context.Request.Path;
        if (prefix.Length > 0)
        {
            context.Request.PathBase = originalPathBase.Add(new PathString(settings.PrefixPath));
            context.Request.Path = new PathString(path[(prefix.Length + 1)..]);
        }

        try
        {
            await ServeAsync(context, settings, originalPathBase);
        }
        finally
        {
            context.Request.PathBase = originalPathBase;
            context.Request.Path = originalPath;
        }
    }

    private async Task ServeAsync(HttpContext context, ShellSettings settings, PathString originalPathBase)
    {
        if (settings.State == TenantState.Uninitialized && settings.AutoSetup && settings.Recipe is not null && settings.SetupError is null)
        {
            try
            {
                await shells.SetupAsync(settings.Name, cancellationToken: CancellationToken.None);
            }
            catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
            {
                await TenantStatusPages.UnavailableAsync(context, settings);
                return;
            }

            settings = shells.Find(settings.Name) ?? settings;
        }

        switch (settings.State)
        {
            case TenantState.Disabled:
                await TenantStatusPages.DisabledAsync(context, settings);
                return;
            case TenantState.Initializing:
                await TenantStatusPages.InitializingAsync(context, settings);
                return;
            case TenantState.Uninitialized:
                await TenantStatusPages.SetupAsync(context, settings);
                return;
            case TenantState.Invalid:
                await TenantStatusPages.InvalidAsync(context, settings, environment.IsDevelopment());
                return;
        }

        ShellContext shell;
        try
        {
            shell = await shells.EnterAsync(settings.Name, context.RequestAborted);
        }
        catch (TenantUnavailableException)
        {
            await TenantStatusPages.UnavailableAsync(context, settings);
            return;
        }
        catch (ShellActivationException)
        {
            await TenantStatusPages.InvalidAsync(context, shells.Find(settings.Name) ?? settings, environment.IsDevelopment());
            return;
        }

        var hostServices = context.RequestServices;
        try
        {
            await using var scope = shell.ServiceProvider.CreateAsyncScope();
            context.RequestServices = scope.ServiceProvider;
            context.Features.Set(originalPathBase.HasValue ? new ShellFeature(shell, originalPathBase) : shell.RootFeature);
            await shell.Pipeline(context);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) && !context.Response.HasStarted)
        {
            // The database went away under a running shell: a 503 now, and the same shell serves again when it is back.
            logger.LogWarning(ex, "Tenant {Tenant}: database unavailable during {Path}", settings.Name, context.Request.Path);

            // The request's scope is disposed by now (the using above ends before this catch): the status page
            // resolves its JSON options from the host's services.
            context.RequestServices = hostServices;
            context.Response.Clear();
            await TenantStatusPages.UnavailableAsync(context, settings);
        }
        finally
        {
            context.RequestServices = hostServices;
            shell.Exit();
        }
    }

    private static ReadOnlySpan<char> FirstSegment(string path)
    {
        if (path.Length < 2)
        {
            return default;
        }

        var rest = path.AsSpan(1);
        var end = rest.IndexOf('/');
        return end < 0 ? rest : rest[..end];
    }

    // What HostString.Host returns (the name without its port; an IPv6 literal keeps its brackets), without allocating.
    private static ReadOnlySpan<char> HostName(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return default;
        }

        var span = value.AsSpan();
        if (span[0] == '[')
        {
            var close = span.IndexOf(']');
            return close < 0 ? span : span[..(close + 1)];
        }

        var colon = span.IndexOf(':');
        return colon >= 0 && colon == span.LastIndexOf(':') ? span[..colon] : span;
    }
}
