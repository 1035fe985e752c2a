namespace GovPlatform.Grid.Data;

/// <summary>The grid's revision: bumped in the transaction of every change of levels, units or code history.</summary>
internal sealed class GridState
{
    public int Id { get; set; }

    public long Revision { get; set; }
}
