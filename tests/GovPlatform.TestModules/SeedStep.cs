using GovPlatform.Modules;
using GovPlatform.Recipes;

namespace GovPlatform.TestModules;

/// <summary>A module recipe step: fails with the step's "fail" message, else records that it ran.</summary>
[ForFeature("Test.Seeder")]
public sealed class SeedStep : IRecipeStep
{
    private static readonly System.Collections.Concurrent.ConcurrentQueue<string> Runs = new();

    public string Name => "test-seed";

    public static IReadOnlyList<string> RunsFor(string tenant) => [.. Runs.Where(r => r == tenant)];

    public Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        if (context.Step.TryGetProperty("fail", out var fail) && fail.GetString() is { Length: > 0 } message)
        {
            throw new RecipeStepException(message);
        }

        Runs.Enqueue(context.Tenant.Name);
        return Task.CompletedTask;
    }
}
