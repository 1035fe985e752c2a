using GovPlatform.Localization;

namespace GovPlatform.Petitions.Components.Admin;

/// <summary>A department as the duty list's pages show it.</summary>
/// <param name="LeadOf">How many entries (active or not) name it as their lead department.</param>
/// <param name="Used">Whether an entry or a petition names it: then it can only be deactivated, not deleted.</param>
public sealed record CatalogDepartmentView(string Code, string Name, string EnglishName, bool Active, int LeadOf, bool Used);

/// <summary>A category or an item as the duty list's page shows it.</summary>
/// <param name="Petitions">How many petitions name it (for a category: itself and its items).</param>
public sealed record CatalogEntryView(
    string Code, string? ParentCode, string Name, string EnglishName, string? Department, string DepartmentName,
    int DeadlineAmount, bool DeadlineInHours, bool OnTheSpot, bool Active, int Petitions);

/// <summary>A category with its items.</summary>
public sealed record CatalogGroupView(CatalogEntryView Category, IReadOnlyList<CatalogEntryView> Items);

/// <summary>One option of a select.</summary>
public sealed record CatalogOption(string Value, string Text);

/// <summary>The category or item form as posted (every value a string, so what was typed is shown again on an error).</summary>
public sealed class CatalogEntryForm
{
    /// <summary>The code: typed for a new entry, shown only when editing.</summary>
    public string? Code { get; set; }

    /// <summary>The category a new item goes under; empty for a new category.</summary>
    public string? ParentCode { get; set; }

    public string? Name { get; set; }

    public string? EnglishName { get; set; }

    public string? Department { get; set; }

    public string? DeadlineAmount { get; set; }

    /// <summary><c>h</c> (working hours) or <c>d</c> (working days).</summary>
    public string? DeadlineUnit { get; set; } = "d";

    public bool OnTheSpot { get; set; }

    /// <summary>Posted by the edit form's checkbox only: an unticked box posts nothing, so it binds as false.</summary>
    public bool Active { get; set; }
}

/// <summary>A row of the departments table as posted (read by index from the form).</summary>
public sealed record CatalogDepartmentRow(string Code, string Name, string EnglishName, bool Active, bool Remove, bool IsNew);

/// <summary>The delete button's form: only the antiforgery token.</summary>
public sealed class CatalogDeleteForm
{
    public string? Confirm { get; set; }
}

/// <summary>What an import did, or why it did nothing.</summary>
public sealed record CatalogImportOutcome(string? FileName, IReadOnlyList<string> Errors, string? Summary);

/// <summary>Texts of the duty list's pages.</summary>
public static class CatalogText
{
    /// <summary>A deadline as people say it: 4 个工作小时, 3 个工作日 (English: 4 working hours, 3 working days); empty for none.</summary>
    public static string Deadline(int amount, bool hours)
    {
        if (amount <= 0)
        {
            return "";
        }

        var english = amount == 1 ? (hours ? "1 working hour" : "1 working day") : $"{amount} working {(hours ? "hours" : "days")}";
        return new BilingualText($"{amount} 个{(hours ? "工作小时" : "工作日")}", english).ToString();
    }
}
