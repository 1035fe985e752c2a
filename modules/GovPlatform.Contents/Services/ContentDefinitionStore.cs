using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Contents.Data;
using GovPlatform.Contents.Navigation;
using GovPlatform.Data;
using GovPlatform.Grid;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Contents.Services.ContentText;

namespace GovPlatform.Contents.Services;

/// <summary>The tenant's content types, kept in one document and read once per request.</summary>
internal sealed partial class ContentDefinitionStore(
    IDocumentStore documents, TenantDbContext db, IAuditLog audit, IServiceProvider services, ContentRouteReservations reservations, ContentListMenu menu) : IContentDefinitionStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Names the API's own routes use after <c>api/contents/</c>.</summary>
    private static readonly HashSet<string> ReservedTypeNames = new(StringComparer.OrdinalIgnoreCase) { "antiforgery", "openapi" };
    private ContentDefinitions? _loaded;

    public async Task<IReadOnlyList<ContentTypeDefinition>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await LoadAsync(cancellationToken)).Types.OrderBy(t => t.Name, StringComparer.Ordinal)];

    public async Task<ContentTypeDefinition?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).Types.Find(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    /// <summary>The type whose public list lives at <paramref name="slug"/>, or null.</summary>
    public async Task<ContentTypeDefinition?> FindByListSlugAsync(string slug, CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).Types.Find(t => string.Equals(t.List?.Slug, slug, StringComparison.OrdinalIgnoreCase));

    public async Task<ContentResult<ContentTypeDefinition>> SaveAsync(ContentTypeDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = await SaveAllAsync([definition], cancellationToken);
        return errors.Count == 0 ? ContentResult.Success(definition) : ContentResult.Failure<ContentTypeDefinition>(errors[0].Errors);
    }

    /// <summary>
    /// Checks and saves several types at once (they may pick each other's items), all or none: the errors of each
    /// refused type, or none.
    /// </summary>
    public async Task<IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Errors)>> SaveAllAsync(
        IReadOnlyList<ContentTypeDefinition> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var all = await LoadAsync(cancellationToken);
        var known = new HashSet<string>(all.Types.Select(t => t.Name).Concat(batch.Select(t => t.Name)), StringComparer.Ordinal);
        var refused = new List<(string, IReadOnlyDictionary<string, string>)>();
        foreach (var definition in batch)
        {
            var errors = await CheckAsync(definition, all, known, cancellationToken);
            if (batch.Count(t => t.Name == definition.Name) > 1)
            {
                errors["Name"] = L($"类型“{definition.Name}”出现了两次。", $"The type '{definition.Name}' appears twice.");
            }

            if (errors.Count > 0)
            {
                refused.Add((definition.Name, errors));
            }
        }

        if (refused.Count > 0)
        {
            return refused;
        }

        await db.InTransactionAsync(async ct =>
        {
            var current = await documents.GetAsync<ContentDefinitions>(ContentDefinitions.DocumentId, ct) ?? new ContentDefinitions();
            foreach (var definition in batch)
            {
                var before = current.Types.Find(t => t.Name == definition.Name);
                current.Types.RemoveAll(t => t.Name == definition.Name);
                current.Types.Add(definition);
                await audit.RecordAsync(
                    new AuditEvent("contents", before is null ? "type-create" : "type-update", definition.Name,
                        $"{definition.DisplayName.Chinese} ({definition.Name})", ToJson(before), ToJson(definition)),
                    ct);
            }

            current.Types.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            await documents.SaveAsync(ContentDefinitions.DocumentId, current, ct);
            _loaded = current;
            return true;
        }, cancellationToken);
        menu.Invalidate();
        return refused;
    }

    public async Task<ContentResult<ContentTypeDefinition>> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var all = await LoadAsync(cancellationToken);
        if (all.Types.Find(t => t.Name == name) is not { } existing)
        {
            return ContentResult.Failure<ContentTypeDefinition>("Name", L($"没有内容类型“{name}”。", $"There is no content type '{name}'."));
        }

        foreach (var other in all.Types.Where(t => t.Name != name))
        {
            if (other.Fields.Find(f => f.Kind == ContentFieldKind.ContentPicker && f.ContentTypes.Contains(name)) is { } picker)
            {
                return ContentResult.Failure<ContentTypeDefinition>("Name", L(
                    $"“{other.DisplayName.Chinese}”的字段“{picker.DisplayName.Chinese}”可以选这个类型的内容；先修改那个字段。",
                    $"The field '{picker.DisplayName.English}' of '{other.DisplayName.English}' picks items of this type; change that field first."));
            }
        }

        var items = await db.Set<ContentItemIndex>().CountAsync(i => i.ContentType == name && i.Latest, cancellationToken);
        if (items > 0)
        {
            return ContentResult.Failure<ContentTypeDefinition>("Name", L(
                $"还有 {items} 条“{existing.DisplayName.Chinese}”内容，先删除它们才能删除这个类型。",
                $"{items} items of '{existing.DisplayName.English}' exist; delete them before the type."));
        }

        await db.InTransactionAsync(async ct =>
        {
            var current = await documents.GetAsync<ContentDefinitions>(ContentDefinitions.DocumentId, ct) ?? new ContentDefinitions();
            current.Types.RemoveAll(t => t.Name == name);
            await documents.SaveAsync(ContentDefinitions.DocumentId, current, ct);
            await audit.RecordAsync(new AuditEvent("contents", "type-delete", name, existing.DisplayName.Chinese, ToJson(existing), null), ct);
            _loaded = current;
            return true;
        }, cancellationToken);
        menu.Invalidate();
        return ContentResult.Success(existing);
    }

    private async Task<ContentDefinitions> LoadAsync(CancellationToken ct) =>
        _loaded ??= await documents.GetAsync<ContentDefinitions>(ContentDefinitions.DocumentId, ct) ?? new ContentDefinitions();

    private static JsonNode? ToJson(ContentTypeDefinition? definition) =>
        definition is null ? null : JsonSerializer.SerializeToNode(definition, Json);

    private async Task<Dictionary<string, string>> CheckAsync(ContentTypeDefinition type, ContentDefinitions all, IReadOnlySet<string> known, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!TypeName().IsMatch(type.Name ?? ""))
        {
            errors["Name"] = L("代码名以字母开头，只含字母和数字，最多 64 个字符，如 PublicBenefitProject。",
                "A code name starts with a letter and has only letters and digits, at most 64, such as PublicBenefitProject.");
        }
        else if (ReservedTypeNames.Contains(type.Name!))
        {
            errors["Name"] = L($"“{type.Name}”是系统保留的名称，请换一个。", $"'{type.Name}' is reserved by the platform; choose another name.");
        }

        if (string.IsNullOrWhiteSpace(type.DisplayName.Chinese) || type.DisplayName.Chinese.Length > 100 || type.DisplayName.English?.Length > 100)
        {
            errors["DisplayName"] = L("请填写中文名称（最多 100 个字符）。", "Enter the Chinese name (at most 100 characters).");
        }

        type.Parts ??= [];
        type.Fields ??= [];
        if (type.Parts.GroupBy(p => p.Kind).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            errors["Parts"] = L($"部件“{repeated.Key}”只能有一个。", $"The part '{repeated.Key}' appears more than once.");
        }

        var gridOn = services.GetService<IGridDirectory>() is not null;
        if (!gridOn && (type.Has(ContentPartKind.Grid) || type.Fields.Exists(f => f.Kind == ContentFieldKind.GridPicker)))
        {
            errors["Parts"] = L("本站未启用网格模块，不能使用网格部件或网格选择字段。", "The grid module is not enabled, so the grid part and grid picker fields are not available.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in type.Fields)
        {
            var key = $"Fields.{field.Name}";
            if (!FieldName().IsMatch(field.Name ?? ""))
            {
                errors[key] = L($"字段名“{field.Name}”要以小写字母开头，只含字母、数字和“_”，最多 64 个字符。",
                    $"The field name '{field.Name}' must start with a lowercase letter and have only letters, digits and '_', at most 64.");
                continue;
            }

            if (!names.Add(field.Name!))
            {
                errors[key] = L($"字段名“{field.Name}”重复了。", $"The field name '{field.Name}' is used twice.");
                continue;
            }

            if (CheckField(field, known) is { } error)
            {
                errors[key] = error;
            }
        }

        if (type.List is { } list)
        {
            list.Slug = ContentSlugs.Normalize(list.Slug);
            if (list.PageSize is < 1 or > 100)
            {
                errors["List.PageSize"] = L("每页 1 到 100 条。", "1 to 100 items a page.");
            }

            if (list.Slug is { } slug)
            {
                if (ContentSlugs.Check(slug) is { } slugError)
                {
                    errors["List.Slug"] = slugError;
                }
                else if (reservations.IsReserved(slug.Split('/')[0]))
                {
                    errors["List.Slug"] = L($"“{slug}”是系统页面使用的地址，请换一个。", $"'{slug}' is used by the platform's own pages; choose another path.");
                }
                else if (all.Types.Exists(t => t.Name != type.Name && string.Equals(t.List?.Slug, slug, StringComparison.OrdinalIgnoreCase)))
                {
                    errors["List.Slug"] = L($"另一个类型的列表已使用地址“{slug}”。", $"Another type's list already uses '{slug}'.");
                }
                else if (await db.Set<ContentRoute>().AnyAsync(r => r.Slug == slug, ct))
                {
                    errors["List.Slug"] = L($"已有内容使用地址“{slug}”。", $"A content item already uses '{slug}'.");
                }
            }
        }

        return errors;
    }

    private static string? CheckField(ContentFieldDefinition field, IReadOnlySet<string> known)
    {
        if (string.IsNullOrWhiteSpace(field.DisplayName.Chinese) || field.DisplayName.Chinese.Length > 100)
        {
            return L("请填写字段的中文名称（最多 100 个字符）。", "Enter the field's Chinese label (at most 100 characters).");
        }

        if (field.MinLength is < 0 || field.MaxLength is < 1 or > 100_000 || (field.MinLength > field.MaxLength))
        {
            return L("长度限制不对：最少不能大于最多，最多不超过 100,000。", "Length limits are wrong: the least must not exceed the most, at most 100,000.");
        }

        if (field.Minimum > field.Maximum)
        {
            return L("最小值不能大于最大值。", "The minimum must not exceed the maximum.");
        }

        if (field.Decimals is < 0 or > 6)
        {
            return L("小数位数在 0 到 6 之间。", "Decimal places are between 0 and 6.");
        }

        if (field.MaxItems is < 1 or > ContentValidator.MaxPickedItems)
        {
            return L($"最多可选项数在 1 到 {ContentValidator.MaxPickedItems} 之间。", $"The most values is between 1 and {ContentValidator.MaxPickedItems}.");
        }

        if (field.Pattern is { Length: > 0 } pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                return L("格式（正则表达式）写得不对。", "The pattern is not a valid regular expression.");
            }
        }

        if (field.Kind == ContentFieldKind.Choice)
        {
            field.Options ??= [];
            if (field.Options.Count == 0)
            {
                return L("选择字段至少要有一个选项。", "A choice field needs at least one option.");
            }

            if (field.Options.Exists(o => !OptionValue().IsMatch(o.Value ?? "") || string.IsNullOrWhiteSpace(o.Text.Chinese)))
            {
                return L("每个选项要有值（字母、数字、“-”、“_”）和中文名称。", "Each option needs a value (letters, digits, '-', '_') and a Chinese text.");
            }

            if (field.Options.GroupBy(o => o.Value).Any(g => g.Count() > 1))
            {
                return L("选项的值不能重复。", "Option values must differ.");
            }
        }

        if (field.Kind == ContentFieldKind.ContentPicker)
        {
            field.ContentTypes ??= [];
            if (field.ContentTypes.FirstOrDefault(t => !known.Contains(t)) is { } unknown)
            {
                return L($"没有内容类型“{unknown}”。", $"There is no content type '{unknown}'.");
            }
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();

    [GeneratedRegex("^[a-z][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex OptionValue();
}
