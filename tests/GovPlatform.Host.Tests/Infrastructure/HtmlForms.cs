using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace GovPlatform.Host.Tests.Infrastructure;

/// <summary>
/// Submits a page's form as a browser would: every named field with its rendered value (checked boxes and radios,
/// selected options, text areas, hidden fields such as the antiforgery token and versions), with the test's values on
/// top. Walk-through tests use it so that they exercise the forms the pages really render.
/// </summary>
internal static class HtmlForms
{
    /// <summary>The form of <paramref name="html"/> whose action ends with <paramref name="actionSuffix"/> (the first one when null).</summary>
    public static IHtmlFormElement Find(string html, string? actionSuffix = null)
    {
        var document = new HtmlParser().ParseDocument(html);
        var forms = document.Forms.ToList();
        var form = actionSuffix is null
            ? forms.FirstOrDefault()
            : forms.FirstOrDefault(f => (f.GetAttribute("action") ?? "").Split('?')[0].EndsWith(actionSuffix, StringComparison.Ordinal));
        return form ?? throw new InvalidOperationException(
            $"No form with action ending '{actionSuffix}' in the page; forms: {string.Join(", ", forms.Select(f => f.GetAttribute("action")))}");
    }

    /// <summary>The fields the form would submit as rendered.</summary>
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Name is { Length: > 0 } name && !input.IsDisabled:
                    var type = input.Type.ToLowerInvariant();
                    if (type is "submit" or "button" or "file" or "image" or "reset" || (type is "checkbox" or "radio" && !input.IsChecked))
                    {
                        continue;
                    }

                    fields.Add(new(name, type is "checkbox" or "radio" && !input.HasAttribute("value") ? "on" : input.Value));
                    break;
                case IHtmlSelectElement select when select.Name is { Length: > 0 } name && !select.IsDisabled:
                    var selected = select.Options.Where(o => o.IsSelected).ToList();
                    if (selected.Count == 0 && !select.IsMultiple && select.Options.Length > 0)
                    {
                        selected.Add(select.Options[0]);
                    }

                    fields.AddRange(selected.Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case IHtmlTextAreaElement area when area.Name is { Length: > 0 } name && !area.IsDisabled:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }

        return fields;
    }

    /// <summary>
    /// Loads <paramref name="pageUrl"/>, fills the form whose action ends with <paramref name="actionSuffix"/> with
    /// <paramref name="values"/> (replacing what it rendered; a value for a checkbox group replaces the whole group)
    /// and posts it to its action. Redirects are not followed.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, string? actionSuffix, params (string Name, string Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {pageUrl} answered {(int)page.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        }

        return await SubmitFromAsync(client, html, pageUrl, actionSuffix, values);
    }

    /// <summary>As <see cref="SubmitAsync"/>, with a page already loaded (<paramref name="pageUrl"/> resolves a relative action).</summary>
    public static async Task<HttpResponseMessage> SubmitFromAsync(HttpClient client, string html, string pageUrl, string? actionSuffix, params (string Name, string Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = Find(html, actionSuffix);
        var fields = Fields(form);
        foreach (var name in values.Select(v => v.Name).Distinct(StringComparer.Ordinal))
        {
            fields.RemoveAll(f => f.Key == name);
        }

        fields.AddRange(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(action, content);
    }
}
