using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Core.Shells;
using GovPlatform.Recipes;
using GovPlatform.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Core.Recipes;

/// <summary>
/// Runs a recipe's steps in order against a working shell of the tenant. <c>features</c> changes the working
/// shell's features (with the usual events), <c>settings</c> writes site settings; any other step is looked up among
/// the <see cref="IRecipeStep"/>s of the features enabled so far. It stops at the first failing step.
/// </summary>
public sealed class RecipeExecutor(ShellBuilder builder, TimeProvider clock, ILogger<RecipeExecutor> logger)
{
    public async Task<SetupFailure?> RunAsync(ShellSettings settings, RecipeDescriptor recipe, CancellationToken cancellationToken)
    {
        var features = await builder.MigrateAsync(settings, await builder.LoadFeaturesAsync(settings, cancellationToken), cancellationToken);
        var shell = await builder.BuildAsync(settings, features, cancellationToken);
        var index = 0;
        var name = "";
        try
        {
            for (; index < recipe.Steps.Count; index++)
            {
                var step = recipe.Steps[index]!.AsObject();
                name = (string)step["name"]!;
                logger.LogInformation("Tenant {Tenant}: recipe {Recipe} step {Index} '{Step}'", settings.Name, recipe.Name, index, name);
                shell = name == "features"
                    ? await ChangeFeaturesAsync(shell, step, cancellationToken)
                    : await RunStepAsync(shell, recipe, index, name, step, cancellationToken);
            }

            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !Data.DatabaseErrors.IsUnavailable(ex) && ex is not Data.TenantUnavailableException)
        {
            // A database that is down is not the recipe's fault: that propagates, and the set-up is tried again later.
            logger.LogError(ex, "Tenant {Tenant}: recipe {Recipe} failed at step {Index} '{Step}'", settings.Name, recipe.Name, index, name);
            var message = ex is RecipeStepException or ShellBuildException or Data.Migrations.MigrationFailedException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            return new SetupFailure(recipe.Name, index, name, message, clock.GetUtcNow());
        }
        finally
        {
            await shell.DisposeAsync();
        }
    }

    private async Task<ShellContext> ChangeFeaturesAsync(ShellContext shell, JsonObject step, CancellationToken cancellationToken)
    {
        var plan = builder.Plan(shell.Settings, shell.Features, Ids(step["enable"]), Ids(step["disable"]));
        if (!plan.IsValid)
        {
            throw new RecipeStepException(string.Join(" ", plan.Errors));
        }

        var next = await builder.ApplyAsync(shell, plan, cancellationToken);
        await builder.CompleteAsync(shell, next, plan, cancellationToken);
        await shell.DisposeAsync();
        return next;
    }

    private async Task<ShellContext> RunStepAsync(ShellContext shell, RecipeDescriptor recipe, int index, string name, JsonObject step, CancellationToken cancellationToken)
    {
        await using (var scope = shell.ServiceProvider.CreateAsyncScope())
        {
            var implementation = scope.ServiceProvider.GetServices<IRecipeStep>().LastOrDefault(s => s.Name == name)
                ?? throw new RecipeStepException($"No recipe step named '{name}': is the feature that provides it enabled by an earlier 'features' step?");
            var context = new RecipeStepContext(recipe.Name, index, JsonSerializer.SerializeToElement(step),
                scope.ServiceProvider.GetRequiredService<ITenant>(), scope.ServiceProvider, Path.GetDirectoryName(recipe.Path));
            await implementation.ExecuteAsync(context, cancellationToken);
        }

        if (name != "settings")
        {
            return shell;
        }

        // Site settings are part of the shell's configuration: later steps must see them.
        var rebuilt = await builder.BuildAsync(shell.Settings, shell.Features, cancellationToken);
        await shell.DisposeAsync();
        return rebuilt;
    }

    private static string[] Ids(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => [.. array.Select(n => (string?)n ?? throw new RecipeStepException("Feature ids must be strings."))],
        _ => throw new RecipeStepException("'enable' and 'disable' must be arrays of feature ids."),
    };
}
