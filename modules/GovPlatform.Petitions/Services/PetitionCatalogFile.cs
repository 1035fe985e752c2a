using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GovPlatform.Localization;
using GovPlatform.Petitions.Models;

namespace GovPlatform.Petitions.Services;

/// <summary>
/// The duty list as a file, in the shape of the <c>petitions</c> recipe step's file (<c>tenants/lianhu/petitions.json</c>):
/// what the admin exports and imports. A deactivated entry says <c>"active": false</c>; an active one says nothing, so
/// an export of a district set up from its recipe reads like the recipe's file.
/// </summary>
internal static class PetitionCatalogFile
{
    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web)
    {
        // A misspelt key ("deadlin") would otherwise be dropped without a word, and the import would clear the value.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,

        // Chinese is written as it is (the district files' rule); the file is a download, never embedded in a page.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The catalogue as the file's UTF-8 bytes (no BOM).</summary>
    public static byte[] Write(PetitionCatalog catalog)
    {
        var departments = new JsonArray();
        foreach (var d in catalog.Departments)
        {
            var entry = new JsonObject { ["code"] = d.Code, ["name"] = Name(d.Name, d.EnglishName) };
            if (!d.Active)
            {
                entry["active"] = false;
            }

            departments.Add(entry);
        }

        var categories = new JsonArray();
        foreach (var root in catalog.Roots)
        {
            var entry = Entry(root, false);
            entry["items"] = new JsonArray([.. catalog.ItemsOf(root.Code).Select(i => (JsonNode)Entry(i, true))]);
            categories.Add(entry);
        }

        var file = new JsonObject { ["departments"] = departments, ["categories"] = categories };
        return JsonSerializer.SerializeToUtf8Bytes(file, WriteOptions);
    }

    /// <summary>Reads a file; what is wrong with its shape (the entries' own rules are checked by the editor).</summary>
    public static (List<PetitionCatalogEditor.DepartmentInput> Departments, List<PetitionCatalogEditor.CategoryInput> Categories, List<BilingualText> Errors) Read(Stream stream)
    {
        List<PetitionCatalogEditor.DepartmentInput> departments = [];
        List<PetitionCatalogEditor.CategoryInput> categories = [];
        List<BilingualText> errors = [];
        FileEntry? file;
        try
        {
            file = JsonSerializer.Deserialize<FileEntry>(stream, ReadOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"{line + 1}" : "?";
            errors.Add(new($"文件不是有效的职责清单 JSON（第 {where} 行，{ex.Path}）：{ex.Message}",
                $"The file is not a valid duty list JSON (line {where}, {ex.Path}): {ex.Message}"));
            return (departments, categories, errors);
        }

        if (file is null)
        {
            errors.Add(new("文件是空的。", "The file is empty."));
            return (departments, categories, errors);
        }

        departments.AddRange((file.Departments ?? []).Select(d => new PetitionCatalogEditor.DepartmentInput(d.Code?.Trim() ?? "", d.Name, d.Active ?? true)));
        foreach (var root in file.Categories ?? [])
        {
            var code = root.Code?.Trim() ?? "";
            categories.Add(new(code, null, root.Name, Blank(root.Department), Blank(root.Deadline), root.OnTheSpot, root.Active ?? true));
            foreach (var item in root.Items ?? [])
            {
                if (item.Items is { Count: > 0 })
                {
                    errors.Add(new($"事项“{item.Code}”下不能再有事项。", $"Item '{item.Code}' cannot have items of its own."));
                }

                categories.Add(new(item.Code?.Trim() ?? "", code, item.Name, Blank(item.Department), Blank(item.Deadline), item.OnTheSpot, item.Active ?? true));
            }
        }

        return (departments, categories, errors);
    }

    private static JsonObject Entry(PetitionCategory category, bool isItem)
    {
        var entry = new JsonObject { ["code"] = category.Code, ["name"] = Name(category.Name, category.EnglishName) };
        if (category.Department is not null)
        {
            entry["department"] = category.Department;
        }

        if (PetitionCatalogEditor.FormatDeadline(category) is { Length: > 0 } deadline)
        {
            entry["deadline"] = deadline;
        }

        if (isItem || category.OnTheSpot)
        {
            entry["onTheSpot"] = category.OnTheSpot;
        }

        if (!category.Active)
        {
            entry["active"] = false;
        }

        return entry;
    }

    private static JsonObject Name(string chinese, string english) => new() { ["zh-CN"] = chinese, ["en"] = english };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private sealed record FileEntry(List<DepartmentEntry>? Departments, List<CategoryEntry>? Categories, JsonElement? Settings);

    private sealed record DepartmentEntry(string? Code, BilingualText Name, bool? Active);

    private sealed record CategoryEntry(string? Code, BilingualText Name, string? Department, string? Deadline, bool OnTheSpot, bool? Active, List<CategoryEntry>? Items);
}
