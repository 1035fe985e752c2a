using GovPlatform.Core.Shells;

namespace GovPlatform.Core.Tenants;

/// <summary>
/// An immutable lookup from a request's host name and first path segment to a tenant, rebuilt on every tenant change.
/// Host name first (with its prefix if it has one), then URL prefix, then the Default tenant.
/// </summary>
public sealed class TenantRouteTable
{
    public static readonly TenantRouteTable Empty = new([]);

    private readonly Dictionary<string, List<ShellSettings>> _byHost = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ShellSettings> _byPrefix = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ShellSettings> _byName = new(StringComparer.Ordinal);
    private readonly ShellSettings? _fallback;
    private readonly Dictionary<string, List<ShellSettings>>.AlternateLookup<ReadOnlySpan<char>> _byHostLookup;
    private readonly Dictionary<string, ShellSettings>.AlternateLookup<ReadOnlySpan<char>> _byPrefixLookup;

    public TenantRouteTable(IEnumerable<ShellSettings> tenants)
    {
        foreach (var tenant in tenants)
        {
            _byName[tenant.Name] = tenant;
            if (tenant.HostNames.Count > 0)
            {
                foreach (var host in tenant.HostNames)
                {
                    if (!_byHost.TryGetValue(host, out var list))
                    {
                        _byHost[host] = list = [];
                    }

                    list.Add(tenant);
                }
            }
            else if (tenant.UrlPrefix.Length > 0)
            {
                _byPrefix[tenant.UrlPrefix] = tenant;
            }
            else if (tenant.IsDefault)
            {
                _fallback = tenant;
            }
        }

        _byHostLookup = _byHost.GetAlternateLookup<ReadOnlySpan<char>>();
        _byPrefixLookup = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Finds the tenant for a request; <paramref name="prefix"/> is the path segment to move into PathBase, or empty.</summary>
    /// <remarks>Spans, so that resolving a request allocates nothing: the host name without its port, the first path segment.</remarks>
    public ShellSettings? Match(ReadOnlySpan<char> host, ReadOnlySpan<char> firstSegment, out string prefix)
    {
        prefix = "";
        if (_byHostLookup.TryGetValue(host, out var candidates))
        {
            ShellSettings? atRoot = null;
            foreach (var candidate in candidates)
            {
                if (candidate.UrlPrefix.Length == 0)
                {
                    atRoot ??= candidate;
                }
                else if (firstSegment.Equals(candidate.UrlPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    prefix = candidate.UrlPrefix;
                    return candidate;
                }
            }

            if (atRoot is not null)
            {
                return atRoot;
            }
        }

        if (firstSegment.Length > 0 && _byPrefixLookup.TryGetValue(firstSegment, out var byPrefix))
        {
            prefix = byPrefix.UrlPrefix;
            return byPrefix;
        }

        return null;
    }

    public ShellSettings? ByName(string name) => _byName.GetValueOrDefault(name);

    public ShellSettings? Fallback => _fallback;

    /// <summary>Another tenant already answering at the same host name and prefix, if any.</summary>
    public ShellSettings? FindClash(ShellSettings candidate)
    {
        foreach (var other in _byName.Values.Where(o => o.Name != candidate.Name && o.State != GovPlatform.Tenants.TenantState.Invalid))
        {
            var samePrefix = string.Equals(other.UrlPrefix, candidate.UrlPrefix, StringComparison.OrdinalIgnoreCase);
            var bothHostless = other.HostNames.Count == 0 && candidate.HostNames.Count == 0;
            var sharedHost = other.HostNames.Intersect(candidate.HostNames, StringComparer.OrdinalIgnoreCase).Any();
            if (samePrefix && (bothHostless || sharedHost))
            {
                return other;
            }
        }

        return null;
    }
}
