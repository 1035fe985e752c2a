using GovPlatform.Localization;
using GovPlatform.Navigation;
using GovPlatform.Petitions.Security;

namespace GovPlatform.Petitions.Ledger;

/// <summary>The ledger in the admin menu, in the petitions hall's section.</summary>
internal sealed class LedgerNavigation : INavigationProvider
{
    private static readonly BilingualText Section = new("诉求大厅", "Petitions hall");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu == Menus.Admin)
        {
            items.Add(new NavigationItem(new("台账与统计", "Ledger and statistics"), "admin/petitions/ledger", Section, PetitionPermissions.Ledger, 80));
        }
    }
}
