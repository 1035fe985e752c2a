using System.Linq.Expressions;
using System.Reflection;
using System.Security.Claims;
using GovPlatform.Security;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Grid.Services;

/// <summary><see cref="IGridScopeFilter"/>: the user's units and everything below them, as one list parameter in SQL.</summary>
internal sealed class GridScopeFilter(GridDirectory directory) : IGridScopeFilter
{
    private static readonly MethodInfo Contains = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(string));

    private static readonly MethodInfo Parameter = typeof(EF).GetMethod(nameof(EF.Parameter))!.MakeGenericMethod(typeof(string[]));

    public async ValueTask<IReadOnlySet<string>?> GetScopeCodesAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claimed = user.FindAll(GovClaimTypes.GridUnit).Select(c => c.Value).Where(v => v.Length > 0).ToList();
        if (claimed.Count == 0)
        {
            return null;
        }

        var tree = await directory.TreeAsync(cancellationToken);

        // The claimed codes themselves count even when no unit has them (yet): records filed under them stay visible.
        var codes = new HashSet<string>(claimed, StringComparer.Ordinal);
        foreach (var code in claimed)
        {
            if (tree.Find(code) is not { } root)
            {
                continue;
            }

            foreach (var node in tree.Subtree(root))
            {
                codes.Add(node.Code);
                codes.UnionWith(node.FormerCodes);
            }
        }

        return codes;
    }

    public async ValueTask<IQueryable<T>> ApplyAsync<T>(IQueryable<T> query, Expression<Func<T, string?>> unitCode, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(unitCode);
        if (await GetScopeCodesAsync(user, cancellationToken) is not { } codes)
        {
            return query;
        }

        // EF.Parameter keeps the list one parameter (json_each on SQLite, = ANY on PostgreSQL) whatever its length,
        // instead of one SQL parameter per code.
        var holder = new CodeList([.. codes.Order(StringComparer.Ordinal)]);
        var list = Expression.Call(Parameter, Expression.Property(Expression.Constant(holder), nameof(CodeList.Codes)));
        var body = Expression.Call(Contains, list, unitCode.Body);
        return query.Where(Expression.Lambda<Func<T, bool>>(body, unitCode.Parameters));
    }

    private sealed record CodeList(string[] Codes);
}
