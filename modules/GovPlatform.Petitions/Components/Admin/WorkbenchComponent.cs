using System.Globalization;
using GovPlatform.Petitions.Endpoints;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Services;

namespace GovPlatform.Petitions.Components.Admin;

/// <summary>The staff pages' base: names of units, categories, stages and channels in the reader's language.</summary>
public abstract class WorkbenchComponent : PetitionComponent
{
    /// <summary>The module's stylesheet, linked from the host root (static assets are not under the tenant's prefix).</summary>
    protected const string Stylesheet = "/_content/GovPlatform.Petitions/petitions.css";

    internal static string UnitName(IReadOnlyDictionary<string, string> names, string? code) =>
        code is null ? "—" : names.GetValueOrDefault(code, code);

    internal static string CategoryName(PetitionCatalog catalog, string code) => catalog.NameOf(code, CultureInfo.CurrentUICulture);

    internal static string DepartmentName(PetitionCatalog catalog, string? code) => code is null ? "—" : catalog.DepartmentName(code, CultureInfo.CurrentUICulture);

    internal static string StageName(PetitionStage stage) => T(PetitionNames.Stage(stage));

    internal static string ChannelName(PetitionChannel channel) => T(PetitionNames.Channel(channel));

    internal static string ActionName(PetitionTrigger trigger) => T(PetitionNames.Trigger(trigger));

    internal static string ViewName(string view) => view switch
    {
        WorkbenchFilter.Mine => L("我的", "Mine"),
        WorkbenchFilter.Grid => L("本网格", "My grid"),
        WorkbenchFilter.Overdue => L("已超期", "Overdue"),
        WorkbenchFilter.DueSoon => L("临期", "Due soon"),
        _ => L("全部", "All"),
    };

    /// <summary>Indentation of a unit in a select by its depth below the shallowest one offered.</summary>
    internal static string Indent(int depth, int top) => new('\u3000', Math.Max(0, depth - top));

    internal static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
