using GovPlatform.Localization;

namespace GovPlatform.Petitions.Ledger;

/// <summary>One row of the ledger: a child unit, a category or a month, with its figures.</summary>
/// <param name="Key">The unit code, category code or month (<c>2026-03</c>); <c>""</c> for what falls in no group.</param>
/// <param name="Name">What the row is called.</param>
/// <param name="Figures">Its counts.</param>
/// <param name="From">The first day the row covers (a month row: its first day within the period).</param>
/// <param name="To">The last day the row covers.</param>
/// <param name="DrillUnit">The unit whose own ledger breaks this row down further (a child unit's row), or null.</param>
public sealed record LedgerGroup(string Key, BilingualText Name, LedgerFigures Figures, DateOnly From, DateOnly To, string? DrillUnit = null);

/// <summary>The ledger's figures for a request: a row per group, and the total.</summary>
/// <param name="Request">What was asked, with the unit resolved to its current code (or null for all the user may see).</param>
/// <param name="UnitName">The chosen unit's name, or null.</param>
/// <param name="Groups">The rows, in order: child units by code, categories in the duty list's order, months in time.</param>
/// <param name="Total">The sum of the rows: every petition of the selection exactly once.</param>
/// <param name="AtUtc">The moment "overdue" was judged against.</param>
public sealed record LedgerReport(LedgerRequest Request, BilingualText? UnitName, IReadOnlyList<LedgerGroup> Groups, LedgerFigures Total, DateTime AtUtc);
