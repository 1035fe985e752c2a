namespace GovPlatform.Petitions.Ledger;

/// <summary>
/// What a ledger covers: the petitions received from <paramref name="From"/> to <paramref name="To"/> (tenant-local
/// dates, both inclusive) in the grid subtree of <paramref name="Unit"/> (null: the user's own units, or the whole
/// tenant for a user without units), broken down by <paramref name="Grouping"/>.
/// </summary>
public sealed record LedgerRequest(string? Unit, DateOnly From, DateOnly To, LedgerGrouping Grouping);
