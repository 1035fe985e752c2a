using System.Text.Json;
using GovPlatform.Identity.Models;
using GovPlatform.Identity.Services;
using GovPlatform.Recipes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Identity.Recipes;

/// <summary>
/// The <c>users</c> recipe step: creates users with roles and grid units. The password is the step's
/// <c>password</c>, or better the tenant setting named by <c>passwordSetting</c> (so it stays out of the recipe).
/// A user that exists already gets the missing roles and units; its password is left alone.
/// </summary>
internal sealed class UsersRecipeStep(UserManager<GovUser> users, UserAccounts accounts, ILogger<UsersRecipeStep> logger) : IRecipeStep
{
    public string Name => "users";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        if (!context.Step.TryGetProperty("users", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeStepException("The 'users' step needs a \"users\" array.");
        }

        foreach (var entry in list.EnumerateArray())
        {
            var userName = Text(entry, "userName") ?? throw new RecipeStepException("Every user of the 'users' step needs a \"userName\".");
            var roles = Texts(entry, "roles");
            var units = Texts(entry, "gridUnits");
            var existing = await users.FindByNameAsync(userName);
            if (existing is not null)
            {
                var result = await accounts.SetRolesAsync(existing, [.. (await users.GetRolesAsync(existing)).Union(roles)]);
                Check(result, userName);
                Check(await accounts.SetGridUnitsAsync(existing, [.. (await accounts.GetGridUnitsAsync(existing)).Union(units)]), userName);
                continue;
            }

            var password = Text(entry, "password");
            if (Text(entry, "passwordSetting") is { } setting)
            {
                password = context.Tenant.Settings[setting];
                if (string.IsNullOrEmpty(password))
                {
                    throw new RecipeStepException($"User '{userName}': the setting '{setting}' that should hold the password is empty.");
                }
            }

            if (password is null)
            {
                logger.LogWarning("Tenant {Tenant}: user {User} is created without a password; it must use \"forgot password\"", context.Tenant.Name, userName);
            }

            var (created, _) = await accounts.CreateAsync(
                userName, Text(entry, "email"), Text(entry, "displayName"), Text(entry, "phone"), password, roles, units, cancellationToken);
            Check(created, userName);
            logger.LogInformation("Tenant {Tenant}: created user {User} with roles {Roles}", context.Tenant.Name, userName, string.Join(", ", roles));
        }
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new RecipeStepException($"User '{userName}': {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static List<string> Texts(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];
}
