using System.Reflection;
using System.Reflection.Emit;
using GovPlatform.Core.Modules;
using GovPlatform.Modules;
using GovPlatform.TestModules;

namespace GovPlatform.Core.Tests;

public sealed class ModuleCatalogTests
{
    private static readonly Assembly TestModules = typeof(EchoStartup).Assembly;
    private static readonly Assembly Home = typeof(GovPlatform.Home.Startup).Assembly;

    // Test.GridRecords depends on the grid module's feature, the test rooms on the petitions hall's: the test modules
    // never come without them.
    private static readonly Assembly Grid = typeof(GovPlatform.Grid.Startup).Assembly;
    private static readonly Assembly Petitions = typeof(GovPlatform.Petitions.Startup).Assembly;

    [Fact]
    public void Discovers_modules_features_startups_and_contributions()
    {
        var catalog = new ModuleCatalog([TestModules, Grid, Petitions, Home]);

        Assert.Equal(["GovPlatform.Grid", "GovPlatform.Home", "GovPlatform.Petitions", "GovPlatform.TestModules"], catalog.Modules.Select(m => m.Id));
        Assert.Contains(typeof(EchoStartup), catalog.Get("Test.Echo").StartupTypes);
        Assert.Contains(typeof(GovPlatform.Home.Startup), catalog.Get("GovPlatform.Home").StartupTypes);
        Assert.Contains(catalog.Get("Test.Seeder").Contributions, c => c.Implementation == typeof(SeedStep));
        Assert.Contains(catalog.Get("Test.Events").Contributions, c => c.Implementation == typeof(FeatureEventLog));
        Assert.Empty(catalog.Get("Test.Echo").Contributions);
    }

    [Fact]
    public void A_module_without_feature_attributes_has_one_main_feature()
    {
        var home = new ModuleCatalog([Home]).Get("GovPlatform.Home");

        Assert.Equal("GovPlatform.Home", home.ModuleId);
        Assert.Empty(home.Dependencies);
    }

    [Fact]
    public void Features_come_after_their_dependencies()
    {
        var catalog = new ModuleCatalog([TestModules, Grid, Petitions]);
        var order = catalog.Features.Select(f => f.Id).ToList();

        Assert.True(order.IndexOf("Test.Base") < order.IndexOf("Test.Middle"));
        Assert.True(order.IndexOf("Test.Middle") < order.IndexOf("Test.Top"));
        Assert.Equal(["Test.Base", "Test.Middle", "Test.Top"], catalog.WithDependencies(["Test.Top"]).Select(f => f.Id));
        Assert.Equal(["Test.Middle", "Test.Top"], catalog.WithDependents(["Test.Middle"], ["Test.Base", "Test.Middle", "Test.Top", "Test.Echo"]).Select(f => f.Id));
        Assert.Equal(["Test.Middle"], catalog.WithDependents(["Test.Middle"], ["Test.Base", "Test.Middle"]).Select(f => f.Id));
    }

    [Fact]
    public void An_unknown_dependency_stops_the_catalog_naming_module_and_feature()
    {
        var module = DynamicModule("Vendor.Broken", ("Vendor.Broken.Reports", ["Vendor.Missing"]));

        var error = Assert.Throws<ModuleCatalogException>(() => new ModuleCatalog([module]));

        Assert.Contains("Vendor.Broken.Reports", error.Message);
        Assert.Contains("Vendor.Broken", error.Message);
        Assert.Contains("Vendor.Missing", error.Message);
    }

    [Fact]
    public void A_dependency_cycle_stops_the_catalog_and_shows_the_cycle()
    {
        var module = DynamicModule("Vendor.Cyclic", ("Vendor.A", ["Vendor.B"]), ("Vendor.B", ["Vendor.C"]), ("Vendor.C", ["Vendor.A"]));

        var error = Assert.Throws<ModuleCatalogException>(() => new ModuleCatalog([module]));

        Assert.Contains("cycle", error.Message);
        Assert.Contains("Vendor.A -> Vendor.B -> Vendor.C -> Vendor.A", error.Message);
        Assert.Contains("Vendor.Cyclic", error.Message);
    }

    [Fact]
    public void A_duplicate_feature_id_stops_the_catalog_naming_both_modules()
    {
        var first = DynamicModule("Vendor.One", ("Vendor.Shared", []));
        var second = DynamicModule("Vendor.Two", ("Vendor.Shared", []));

        var error = Assert.Throws<ModuleCatalogException>(() => new ModuleCatalog([first, second]));

        Assert.Contains("Vendor.Shared", error.Message);
        Assert.Contains("Vendor.One", error.Message);
        Assert.Contains("Vendor.Two", error.Message);
    }

    [Fact]
    public void A_feature_depending_on_another_modules_feature_is_fine()
    {
        var module = DynamicModule("Vendor.Extension", ("Vendor.Extension", ["Test.Echo"]));

        var catalog = new ModuleCatalog([TestModules, Grid, Petitions, module]);

        Assert.Equal(["Test.Always", "Test.Echo", "Vendor.Extension"],
            catalog.WithDependencies(["Vendor.Extension", "Test.Always"]).Select(f => f.Id).Order());
    }

    [Fact]
    public void An_update_adds_replaces_and_removes_modules_and_reports_them()
    {
        var catalog = new ModuleCatalog([TestModules, Grid, Petitions]);
        var echo = catalog.Get("Test.Echo");
        var first = DynamicModule("Vendor.Parking", ("Vendor.Parking", ["GovPlatform.Grid"]));
        var reported = new List<IReadOnlyCollection<string>>();
        catalog.Changed += reported.Add;

        var added = catalog.Update(current => [.. current, first]);

        Assert.Equal(["Vendor.Parking"], added);
        Assert.Equal(1, catalog.Generation);
        Assert.Same(first, catalog.Get("Vendor.Parking").Module.Assembly);
        Assert.Same(echo, catalog.Get("Test.Echo")); // an unchanged module keeps its descriptor
        Assert.True(catalog.Features.ToList().IndexOf(catalog.Get("GovPlatform.Grid")) < catalog.Features.ToList().IndexOf(catalog.Get("Vendor.Parking")));

        var second = DynamicModule("Vendor.Parking", ("Vendor.Parking", ["GovPlatform.Grid"]), ("Vendor.Parking.Reports", ["Vendor.Parking"]));
        Assert.Equal(["Vendor.Parking"], catalog.Update(current => [.. current.Where(a => a != first), second]));
        Assert.Same(second, catalog.Get("Vendor.Parking").Module.Assembly);
        Assert.NotNull(catalog.Find("Vendor.Parking.Reports"));

        Assert.Equal(["Vendor.Parking"], catalog.Update(current => current.Where(a => a != second)));
        Assert.Null(catalog.Find("Vendor.Parking"));
        Assert.Null(catalog.Find("Vendor.Parking.Reports"));
        Assert.Equal(3, reported.Count);
    }

    [Fact]
    public void A_failed_update_keeps_the_catalog_as_it_was()
    {
        var catalog = new ModuleCatalog([TestModules, Grid, Petitions]);
        var broken = DynamicModule("Vendor.Broken", ("Vendor.Broken", ["Vendor.Missing"]));
        var clash = DynamicModule("Vendor.Clash", ("Test.Echo", []));

        Assert.Throws<ModuleCatalogException>(() => catalog.Validate(current => [.. current, broken]));
        var error = Assert.Throws<ModuleCatalogException>(() => catalog.Update(current => [.. current, clash]));

        Assert.Contains("Test.Echo", error.Message);
        Assert.Equal(0, catalog.Generation);
        Assert.Equal(3, catalog.ReadCount); // the three modules in use: neither refused assembly is held
        Assert.Equal("GovPlatform.TestModules", catalog.Get("Test.Echo").ModuleId);
        Assert.Null(catalog.Find("Vendor.Broken"));
    }

    /// <summary>Emits an in-memory assembly carrying the module and feature attributes, as a vendor's package would.</summary>
    private static AssemblyBuilder DynamicModule(string moduleId, params (string Id, string[] Dependencies)[] features)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName(moduleId + "." + Guid.NewGuid().ToString("N")), AssemblyBuilderAccess.Run);
        assembly.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(ModuleAttribute).GetConstructor([typeof(string), typeof(string)])!, [moduleId, moduleId]));
        foreach (var (id, dependencies) in features)
        {
            assembly.SetCustomAttribute(new CustomAttributeBuilder(
                typeof(FeatureAttribute).GetConstructor([typeof(string), typeof(string)])!,
                [id, id],
                [typeof(FeatureAttribute).GetProperty(nameof(FeatureAttribute.Dependencies))!],
                [dependencies]));
        }

        assembly.DefineDynamicModule(moduleId);
        return assembly;
    }
}
