namespace GovPlatform.Host.Tests.Infrastructure;

/// <summary>Every test that touches data runs once per provider.</summary>
public static class Providers
{
    public static TheoryData<string> All => new() { "Sqlite", "Postgres" };
}
