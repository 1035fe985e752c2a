namespace GovPlatform.Grid.Rules;

/// <summary>How serious a finding is: errors come first in the results.</summary>
public enum GridFindingSeverity
{
    /// <summary>Two units claim the same ground or a unit leaves its parent: the grid is wrong.</summary>
    Error,

    /// <summary>A gap or a household figure out of range: worth a look, possibly intended.</summary>
    Warning,
}
