using System.Text.Json.Nodes;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Petitions.Services;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Petitions;

/// <summary>The districts' duty lists, from their recipes' <c>petitions.json</c>, and the street-centre template's.</summary>
public sealed class DistrictPetitionTests
{
    [Theory]
    [InlineData("lianhu", "lianhu/petitions.json", 28, 80)]
    [InlineData("zhanqian", "zhanqian/petitions.json", 23, 47)]
    [InlineData("wanyuan", "wanyuan/petitions.json", 22, 48)]
    [InlineData("yuexiu", "yuexiu/petitions.json", 25, 49)]
    [InlineData("xinhua", "templates/street-centre.petitions.json", 22, 43)]
    public async Task Each_district_sets_up_its_duty_list_with_a_lead_department_and_a_deadline_for_every_item(string tenant, string file, int departments, int items)
    {
        await using var host = new TestHost().WithRepositoryTenants()
            .WithTenant("xinhua", definition: json => json["Recipe"] = "street-centre");
        host.Start();
        await using var scope = await host.ScopeAsync(tenant);
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var catalog = await PetitionCatalog.LoadAsync(db, default);

        Assert.Equal(6, catalog.Roots.Count());
        Assert.Equal(items, catalog.Categories.Count(c => c.ParentCode is not null));
        Assert.Equal(departments, catalog.Departments.Count);
        Assert.All(catalog.Roots, root => Assert.True(root.Active && catalog.ItemsOf(root.Code).Any(), root.Code));
        Assert.All(catalog.Categories.Where(c => c.ParentCode is not null), item =>
        {
            Assert.True(catalog.FindDepartment(item.Department) is { Active: true }, $"{item.Code} has no active lead department");
            Assert.True(item.DeadlineAmount > 0, $"{item.Code} has no deadline");
            Assert.True(catalog.IsSelectable(item), item.Code);
        });
        Assert.All(catalog.Departments, d => Assert.True(d.Active && d.EnglishName.Length > 0, d.Code));

        // The admin's export is the district's file (departments in code order), and importing it changes nothing.
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestHost.RepositoryRoot(), "tenants", file)))!.AsObject();
        expected["departments"] = new JsonArray([.. expected["departments"]!.AsArray().OrderBy(d => (string)d!["code"]!, StringComparer.Ordinal).Select(d => d!.DeepClone())]);
        var exported = PetitionCatalogFile.Write(catalog);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(exported)), $"{tenant}: the export differs from {file}");

        using var stream = new MemoryStream(exported);
        var (fileDepartments, fileCategories, readErrors) = PetitionCatalogFile.Read(stream);
        Assert.Empty(readErrors);
        var result = await scope.ServiceProvider.GetRequiredService<PetitionCatalogEditor>().ImportAsync(fileDepartments, fileCategories, "export.json", default);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.English)));
        Assert.Equal((0, 0, 0, departments + 6 + items), (result.Added, result.Changed, result.Deactivated, result.Unchanged));
    }
}
