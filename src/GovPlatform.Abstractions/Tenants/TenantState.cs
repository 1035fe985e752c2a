namespace GovPlatform.Tenants;

/// <summary>The life-cycle state of a tenant's shell.</summary>
public enum TenantState
{
    /// <summary>Defined but not set up yet: requests show its set-up page.</summary>
    Uninitialized,

    /// <summary>Its recipe is running.</summary>
    Initializing,

    /// <summary>Set up and serving requests.</summary>
    Running,

    /// <summary>Switched off by a host administrator: requests get 503.</summary>
    Disabled,

    /// <summary>Its definition or its shell is broken: requests get an error page until it is fixed and reloaded.</summary>
    Invalid,
}
