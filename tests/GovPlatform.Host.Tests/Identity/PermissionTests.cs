using System.Net;
using System.Text.Json.Nodes;
using GovPlatform.Host.Tests.Data;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Identity.IdentityTestSupport;

namespace GovPlatform.Host.Tests.Identity;

/// <summary>Roles, grants, grid scope, the admin pages that edit them, and the audit entries they leave.</summary>
public sealed class PermissionTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_role_without_the_permission_gets_403_and_granting_it_in_the_role_editor_lets_the_user_in(string provider)
    {
        await using var host = await new TestHost().WithIdentityTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha");
        var worker = await host.SignedInAsync("alpha", "worker", WorkerPassword);
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);

        // The module's default grant reached the grid workers; the scoped permission did not.
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/alpha/test-cases/close")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/alpha/test-cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/alpha/admin/roles")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/alpha/test-cases")).StatusCode);

        var editor = await admin.GetStringAsync("/alpha/admin/roles/GridWorker");
        Assert.Contains("value=\"Test.Cases.View\"", editor, StringComparison.Ordinal);
        var saved = await PostFormAsync(admin, "/alpha/admin/roles/GridWorker", "/alpha/admin/roles/GridWorker",
            ("Permissions", "Admin.Access"), ("Permissions", "Test.Cases.View"), ("Permissions", "Test.Cases.Close"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/alpha/test-cases")).StatusCode);

        var edit = Assert.Single(await host.AuditAsync("alpha", "roles", "update-permissions"));
        Assert.Equal("GridWorker", edit.Subject);
        Assert.Equal(["Admin.Access", "Test.Cases.Close"], JsonNode.Parse(edit.Before!)!.AsArray().Select(n => (string?)n));
        Assert.Equal(["Admin.Access", "Test.Cases.Close", "Test.Cases.View"], JsonNode.Parse(edit.After!)!.AsArray().Select(n => (string?)n));
        Assert.Equal("admin", edit.UserName);

        // Taking it away works at once too; Administrator's permissions cannot be edited.
        await PostFormAsync(admin, "/alpha/admin/roles/GridWorker", "/alpha/admin/roles/GridWorker", ("Permissions", "Test.Cases.Close"));
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/alpha/test-cases")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(admin, "/alpha/admin/roles/Administrator", "/alpha/admin/roles/Administrator")).StatusCode);
    }

    [Fact]
    public async Task A_grid_scoped_user_passes_for_its_units_only_and_an_unscoped_one_everywhere()
    {
        await using var host = new TestHost().WithIdentityTenant("alpha", workerUnits: ["610104001"]);
        host.Start();
        await host.WarmAsync("alpha");
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);
        await PostFormAsync(admin, "/alpha/admin/roles/GridWorker", "/alpha/admin/roles/GridWorker", ("Permissions", "Test.Cases.View"));

        var worker = await host.SignedInAsync("alpha", "worker", WorkerPassword);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/alpha/test-cases/610104001")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/alpha/test-cases/610104002")).StatusCode);

        // The admin takes the worker's unit away: tenant-wide from the next request on.
        var workerId = (string)(await host.ScalarAsync("alpha", "SELECT id FROM gp_users WHERE user_name = 'worker'"))!;
        var updated = await PostFormAsync(admin, $"/alpha/admin/users/{workerId}", $"/alpha/admin/users/{workerId}",
            ("DisplayName", "Worker"), ("Email", "worker@example.cn"), ("Roles", "GridWorker"), ("GridUnits", ""));
        Assert.Equal(HttpStatusCode.Redirect, updated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/alpha/test-cases/610104002")).StatusCode);

        var audit = Assert.Single(await host.AuditAsync("alpha", "users", "update"));
        Assert.Equal("610104001", (string?)JsonNode.Parse(audit.Before!)!["gridUnits"]![0]);
        Assert.Empty(JsonNode.Parse(audit.After!)!["gridUnits"]!.AsArray());
    }

    [Fact]
    public async Task Administrators_create_find_lock_and_unlock_users_and_only_they_make_administrators()
    {
        await using var host = new TestHost().WithIdentityTenant("alpha");
        host.Start();
        await host.WarmAsync("alpha");
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);

        var created = await PostFormAsync(admin, "/alpha/admin/users/new", "/alpha/admin/users/new",
            ("UserName", "wangfang"), ("DisplayName", "王芳"), ("Email", "wangfang@example.cn"), ("Password", "Wang-2024-pw"),
            ("Roles", "StreetAdmin"), ("Roles", "Mediator"), ("GridUnits", "6101\n6102"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await admin.GetStringAsync("/alpha/admin/users?q=WANG");
        Assert.Contains("王芳", list, StringComparison.Ordinal);
        Assert.DoesNotContain(">worker<", list, StringComparison.Ordinal);

        var id = (string)(await host.ScalarAsync("alpha", "SELECT id FROM gp_users WHERE user_name = 'wangfang'"))!;
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(admin, $"/alpha/admin/users/{id}", $"/alpha/admin/users/{id}/lock")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(host.Client(), "alpha", "wangfang", "Wang-2024-pw")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(admin, $"/alpha/admin/users/{id}", $"/alpha/admin/users/{id}/unlock")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(host.Client(), "alpha", "wangfang", "Wang-2024-pw")).StatusCode);

        // A street admin given Users.Manage may manage users, but not make anyone an Administrator.
        await PostFormAsync(admin, "/alpha/admin/roles/StreetAdmin", "/alpha/admin/roles/StreetAdmin", ("Permissions", "Users.Manage"));
        var street = await host.SignedInAsync("alpha", "wangfang", "Wang-2024-pw");
        var workerId = (string)(await host.ScalarAsync("alpha", "SELECT id FROM gp_users WHERE user_name = 'worker'"))!;
        var promote = await PostFormAsync(street, $"/alpha/admin/users/{workerId}", $"/alpha/admin/users/{workerId}",
            ("Email", "worker@example.cn"), ("Roles", "Administrator"));
        Assert.NotEqual(HttpStatusCode.Redirect, promote.StatusCode);
        Assert.Equal(0L, Convert.ToInt64(await host.ScalarAsync("alpha",
            $"SELECT COUNT(*) FROM gp_user_roles ur JOIN gp_roles r ON r.id = ur.role_id WHERE ur.user_id = '{workerId}' AND r.name = 'Administrator'"),
            System.Globalization.CultureInfo.InvariantCulture));

        var actions = (await host.AuditAsync("alpha", "users")).Select(e => e.Action).ToList();
        Assert.Contains("create", actions);
        Assert.Contains("lock", actions);
        Assert.Contains("unlock", actions);
    }

    [Fact]
    public async Task The_admin_menu_lists_the_user_and_role_pages_to_those_who_may_use_them()
    {
        await using var host = new TestHost().WithIdentityTenant("alpha");
        host.Start();
        await host.WarmAsync("alpha");
        await using var scope = await host.ScopeAsync("alpha");
        var signIn = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.SignInManager<GovPlatform.Identity.Models.GovUser>>();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<GovPlatform.Identity.Models.GovUser>>();
        var navigation = scope.ServiceProvider.GetRequiredService<GovPlatform.Navigation.INavigationService>();

        async Task<List<string>> MenuOf(string userName) =>
            [.. (await navigation.GetMenuAsync(GovPlatform.Navigation.Menus.Admin, await signIn.CreateUserPrincipalAsync((await users.FindByNameAsync(userName))!))).Select(i => i.Path)];

        Assert.Equal(["admin/users", "admin/roles"], (await MenuOf("admin")).Where(p => p.StartsWith("admin/users", StringComparison.Ordinal) || p.StartsWith("admin/roles", StringComparison.Ordinal)));
        Assert.DoesNotContain("admin/users", await MenuOf("worker"));
    }

    [Fact]
    public async Task The_sign_in_endpoint_answers_429_past_the_tenants_limit()
    {
        await using var host = new TestHost().WithIdentityTenant("alpha")
            .WithSetting("GovPlatform:Tenants:alpha:RateLimits:SignIn:PermitLimit", "3");
        host.Start();
        await host.WarmAsync("alpha");
        var client = host.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await SignInAsync(client, "alpha", "nobody", "whatever-1")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429, (HttpStatusCode)429], statuses);
    }

    [Fact]
    public async Task The_bootstrap_service_creates_or_resets_an_administrator_and_the_recipe_reads_passwords_from_settings()
    {
        await using var host = new TestHost().WithTenant("alpha", ["Test.GridCases"], extraSteps:
        [
            new JsonObject
            {
                ["name"] = "users",
                ["users"] = new JsonArray(new JsonObject
                {
                    ["userName"] = "chief",
                    ["email"] = "chief@example.cn",
                    ["roles"] = new JsonArray("Administrator"),
                    ["passwordSetting"] = "Bootstrap:ChiefPassword",
                }),
            },
        ]).WithSetting("GovPlatform:Tenants:alpha:Bootstrap:ChiefPassword", "Chief-pass-2024");
        host.Start();
        await host.WarmAsync("alpha");
        await host.SignedInAsync("alpha", "chief", "Chief-pass-2024");

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var administrators = scope.ServiceProvider.GetRequiredService<GovPlatform.Security.IAdministratorAccounts>();
            Assert.True(await administrators.AnyAdministratorAsync());
            var refused = await administrators.EnsureAdministratorAsync("chief", null, "short");
            Assert.False(refused.Succeeded);
            Assert.Contains(refused.Errors, e => e.Contains("密码至少需要 8 个字符", StringComparison.Ordinal));
            Assert.True((await administrators.EnsureAdministratorAsync("chief", null, "Chief-new-2025")).Succeeded);
            Assert.True((await administrators.EnsureAdministratorAsync("deputy", "deputy@example.cn", "Deputy-pass-2025")).Succeeded);
        }

        await host.SignedInAsync("alpha", "chief", "Chief-new-2025");
        var deputy = await host.SignedInAsync("alpha", "deputy", "Deputy-pass-2025");
        Assert.Equal(HttpStatusCode.OK, (await deputy.GetAsync("/alpha/admin/users")).StatusCode);
    }
}
