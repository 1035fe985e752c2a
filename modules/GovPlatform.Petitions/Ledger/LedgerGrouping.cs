namespace GovPlatform.Petitions.Ledger;

/// <summary>How the ledger's figures are broken down.</summary>
public enum LedgerGrouping
{
    /// <summary>By the units directly below the chosen unit (a petition counts under the child whose subtree holds it).</summary>
    Unit = 0,

    /// <summary>By top-level category of the duty list (an item counts under its category).</summary>
    Category = 1,

    /// <summary>By calendar month of receipt, in the tenant's time zone.</summary>
    Month = 2,
}
