using System.Globalization;
using GovPlatform.Petitions.Models;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Petitions.Services;

/// <summary>The tenant's duty list (categories and their items) and departments, as read for one use.</summary>
internal sealed class PetitionCatalog(IReadOnlyList<PetitionCategory> categories, IReadOnlyList<PetitionDepartment> departments)
{
    private readonly Dictionary<string, PetitionCategory> _byCode = categories.ToDictionary(c => c.Code, StringComparer.Ordinal);
    private readonly Dictionary<string, PetitionDepartment> _departments = departments.ToDictionary(d => d.Code, StringComparer.Ordinal);

    public IReadOnlyList<PetitionCategory> Categories { get; } = categories;

    public IReadOnlyList<PetitionDepartment> Departments { get; } = departments;

    /// <summary>The top-level categories, in order.</summary>
    public IEnumerable<PetitionCategory> Roots => Categories.Where(c => c.ParentCode is null);

    public PetitionCategory? Find(string? code) => code is null ? null : _byCode.GetValueOrDefault(code);

    public PetitionDepartment? FindDepartment(string? code) => code is null ? null : _departments.GetValueOrDefault(code);

    public IEnumerable<PetitionCategory> ItemsOf(string code) => Categories.Where(c => c.ParentCode == code);

    /// <summary>Whether a petition may name <paramref name="category"/>: active, and an item or a category without items.</summary>
    public bool IsSelectable(PetitionCategory category) =>
        category.Active && (category.ParentCode is not null || !Categories.Any(c => c.ParentCode == category.Code && c.Active));

    /// <summary>The category's name in the culture, with its parent's: 安全隐患 / 燃气泄漏隐患.</summary>
    public string NameOf(string code, CultureInfo culture)
    {
        if (Find(code) is not { } category)
        {
            return code;
        }

        var own = Name(category, culture);
        return category.ParentCode is { } parent && Find(parent) is { } root ? $"{Name(root, culture)} / {own}" : own;
    }

    public static string Name(PetitionCategory category, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" && category.EnglishName.Length > 0 ? category.EnglishName : category.Name;

    public string DepartmentName(string? code, CultureInfo culture) => FindDepartment(code) is { } d
        ? culture.TwoLetterISOLanguageName == "en" && d.EnglishName.Length > 0 ? d.EnglishName : d.Name
        : code ?? "";

    /// <summary>Reads the catalogue from the tenant's database.</summary>
    public static async Task<PetitionCatalog> LoadAsync(DbContext db, CancellationToken cancellationToken)
    {
        var categories = await db.Set<PetitionCategory>().AsNoTracking().OrderBy(c => c.Position).ThenBy(c => c.Code).ToListAsync(cancellationToken);
        var departments = await db.Set<PetitionDepartment>().AsNoTracking().OrderBy(d => d.Code).ToListAsync(cancellationToken);
        return new PetitionCatalog(categories, departments);
    }
}
