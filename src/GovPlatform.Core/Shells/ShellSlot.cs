namespace GovPlatform.Core.Shells;

/// <summary>One tenant's place in the host: its settings and its current, pending or failed shell.</summary>
internal sealed class ShellSlot(ShellSettings settings)
{
    public Lock Gate { get; } = new();

    /// <summary>Serialises changes to the tenant (features, settings, set-up, state); requests never wait on it.</summary>
    public SemaphoreSlim ChangeLock { get; } = new(1, 1);

    public volatile ShellSettings Settings = settings;

    public volatile ShellContext? Current;

    public Task<ShellContext>? Pending;
}
