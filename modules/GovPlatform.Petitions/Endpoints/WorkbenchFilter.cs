using System.Globalization;
using System.Text;
using GovPlatform.Localization;
using Microsoft.AspNetCore.Http;

namespace GovPlatform.Petitions.Endpoints;

/// <summary>The workbench's tab, filters and page, read from the query string; a value that does not parse is reported, not guessed.</summary>
public sealed class WorkbenchFilter
{
    public const string Mine = "mine";
    public const string Grid = "grid";
    public const string Overdue = "overdue";
    public const string DueSoon = "due-soon";
    public const string All = "all";

    /// <summary>The tabs in their order.</summary>
    public static IReadOnlyList<string> Views { get; } = [Mine, Grid, Overdue, DueSoon, All];

    public string View { get; set; } = Mine;

    public PetitionStage? Stage { get; set; }

    public PetitionChannel? Channel { get; set; }

    public string? Category { get; set; }

    public string? Unit { get; set; }

    /// <summary>Received on or after this tenant-local date.</summary>
    public DateOnly? From { get; set; }

    /// <summary>Received on or before this tenant-local date (the whole day).</summary>
    public DateOnly? To { get; set; }

    public string? Text { get; set; }

    public bool Duplicates { get; set; }

    public int Page { get; set; } = 1;

    /// <summary>How many filters narrow the list (the view and the page do not count).</summary>
    public int Active => new object?[] { Stage, Channel, Category, Unit, From, To, Text, Duplicates ? true : null }.Count(v => v is not null);

    /// <summary>What could not be read, by query parameter.</summary>
    public Dictionary<string, BilingualText> Errors { get; } = new(StringComparer.Ordinal);

    public static WorkbenchFilter Parse(IQueryCollection query)
    {
        var filter = new WorkbenchFilter();
        string? Value(string name) => query[name].FirstOrDefault() is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        if (Value("view") is { } view)
        {
            if (Views.Contains(view))
            {
                filter.View = view;
            }
            else
            {
                filter.Errors["view"] = new("没有这个视图。", "There is no such view.");
            }
        }

        if (Value("stage") is { } stage)
        {
            if (Enum.TryParse<PetitionStage>(stage, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(stage[0]))
            {
                filter.Stage = parsed;
            }
            else
            {
                filter.Errors["stage"] = new("没有这个环节。", "There is no such stage.");
            }
        }

        if (Value("channel") is { } channel)
        {
            if (Enum.TryParse<PetitionChannel>(channel, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(channel[0]))
            {
                filter.Channel = parsed;
            }
            else
            {
                filter.Errors["channel"] = new("没有这个渠道。", "There is no such channel.");
            }
        }

        filter.Category = Value("category") is { Length: <= 16 } category ? category : null;
        filter.Unit = Value("unit") is { Length: <= 64 } unit ? unit : null;
        filter.Text = Value("q") is { } text ? text.Length > 100 ? text[..100] : text : null;
        filter.Duplicates = Value("dup") is "true" or "1" or "on";
        filter.From = Date(Value("from"), "from", filter.Errors);
        filter.To = Date(Value("to"), "to", filter.Errors);
        if (filter.From is { } from && filter.To is { } to && to < from)
        {
            filter.Errors["to"] = new("结束日期早于开始日期。", "The end date is before the start date.");
        }

        if (Value("page") is { } page)
        {
            filter.Page = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 ? Math.Min(number, 100_000) : 1;
        }

        return filter;
    }

    /// <summary>The query string of this filter (without <c>?</c>) with another view or page.</summary>
    public string ToQuery(string? view = null, int? page = null)
    {
        var query = new StringBuilder();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Append(query.Length > 0 ? "&" : "").Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        Add("view", view ?? View);
        Add("stage", Stage?.ToString());
        Add("channel", Channel?.ToString());
        Add("category", Category);
        Add("unit", Unit);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("q", Text);
        Add("dup", Duplicates ? "true" : null);
        Add("page", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null);
        return query.ToString();
    }

    private static DateOnly? Date(string? value, string name, Dictionary<string, BilingualText> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[name] = new("日期格式应为 2026-01-31。", "Dates are written 2026-01-31.");
        return null;
    }
}
