using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovPlatform.Themes;

/// <summary>Renders a page component as an endpoint's result, with the tenant's base path as its <c>BasePath</c> parameter.</summary>
public static class ComponentPage
{
    /// <summary>
    /// The page <typeparamref name="TPage"/> with the properties of <paramref name="parameters"/> (an anonymous object)
    /// as its parameters, plus <c>BasePath</c> (the request's path base: <c>/lianhu</c>, or empty).
    /// </summary>
    public static RazorComponentResult<TPage> Render<TPage>(HttpContext context, object parameters, int status = StatusCodes.Status200OK)
        where TPage : IComponent
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameters);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal) { ["BasePath"] = context.Request.PathBase.Value ?? "" };
        foreach (var property in parameters.GetType().GetProperties())
        {
            values[property.Name] = property.GetValue(parameters);
        }

        return new RazorComponentResult<TPage>(values) { StatusCode = status };
    }
}
