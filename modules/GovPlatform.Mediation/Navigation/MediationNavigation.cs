using GovPlatform.Localization;
using GovPlatform.Mediation.Security;
using GovPlatform.Navigation;

namespace GovPlatform.Mediation.Navigation;

/// <summary>The mediation pages in the admin menu.</summary>
internal sealed class MediationNavigation : INavigationProvider
{
    private static readonly BilingualText Section = new("矛盾纠纷调解", "Mediation");

    public void Build(string menu, ICollection<NavigationItem> items)
    {
        if (menu != Menus.Admin)
        {
            return;
        }

        items.Add(new NavigationItem(new("纠纷台账", "Dispute ledger"), "admin/mediation", Section, MediationPermissions.View, 10));
        items.Add(new NavigationItem(new("登记纠纷", "Register a dispute"), "admin/mediation/disputes/new", Section, MediationPermissions.Register, 20));
        items.Add(new NavigationItem(new("矛盾排查", "Screening"), "admin/mediation/screening", Section, MediationPermissions.View, 30));
        items.Add(new NavigationItem(new("调解安排", "Sessions"), "admin/mediation/sessions", Section, MediationPermissions.View, 40));
        items.Add(new NavigationItem(new("调解统计", "Statistics"), "admin/mediation/statistics", Section, MediationPermissions.Statistics, 50));
        items.Add(new NavigationItem(new("调解组织", "Mediation bodies"), "admin/mediation/bodies", Section, MediationPermissions.View, 60));
        items.Add(new NavigationItem(new("调解规则", "Mediation rules"), "admin/mediation/settings", Section, MediationPermissions.Manage, 70));
    }
}
