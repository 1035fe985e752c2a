using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GovPlatform.Calendars;
using GovPlatform.Core.Calendars;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Identity.IdentityTestSupport;

namespace GovPlatform.Host.Tests.Calendars;

/// <summary>The per-tenant working calendar: its recipe step, its store and cache, the admin page, and tenant isolation.</summary>
public sealed class CalendarTests
{
    private const string StreetAdminPassword = "Street-pass-2024";

    private static readonly string[] Features = ["GovPlatform.Themes.Civic", "GovPlatform.Themes.Admin"];

    private static JsonObject CalendarStep() => JsonNode.Parse("""
        {
          "name": "calendar",
          "hours": [{"start": "09:00", "end": "12:00"}, {"start": "14:00", "end": "18:00"}],
          "holidays": [{"date": "2026-10-01", "name": "国庆节"}, {"date": "2026-10-02", "name": "国庆节"}],
          "makeUpDays": [{"date": "2026-10-10", "name": "国庆节调休"}]
        }
        """)!.AsObject();

    private static JsonArray Steps(params JsonNode[] first) =>
    [
        .. first.Select(n => n.DeepClone()),
        .. UsersStep(
            ("admin", AdminPassword, ["Administrator"], []),
            ("street", StreetAdminPassword, ["StreetAdmin"], []),
            ("worker", WorkerPassword, ["GridWorker"], [])).Select(n => n!.DeepClone()),
    ];

    private static async Task<WorkingCalendar> CalendarAsync(TestHost host, string tenant)
    {
        await using var scope = await host.ScopeAsync(tenant);
        return await scope.ServiceProvider.GetRequiredService<IWorkingCalendarStore>().GetAsync();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_recipe_step_sets_the_calendar_keeps_what_it_leaves_out_and_another_tenant_keeps_the_default(string provider)
    {
        await using var host = await new TestHost()
            .WithTenant("alpha", Features, extraSteps: Steps(CalendarStep()))
            .WithTenant("beta", Features)
            .WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha", "beta");

        var alpha = await CalendarAsync(host, "alpha");
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], alpha.WorkingDays);
        Assert.Equal(["09:00–12:00", "14:00–18:00"], alpha.Hours.Select(h => h.ToString()));
        Assert.False(alpha.IsWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.True(alpha.IsWorkingDay(new DateOnly(2026, 10, 10)));
        Assert.Equal("国庆节调休", alpha.NameOf(new DateOnly(2026, 10, 10)));
        Assert.Equal("Asia/Shanghai", alpha.TimeZone.Id);

        var audit = Assert.Single(await host.AuditAsync("alpha", "calendar", "update"));
        Assert.StartsWith("Working calendar saved", audit.Summary, StringComparison.Ordinal);
        Assert.Contains("2026-10-01", audit.After!, StringComparison.Ordinal);

        // Another tenant has its own calendar: still the default one.
        var beta = await CalendarAsync(host, "beta");
        Assert.Equal(["08:30–12:00", "13:30–17:30"], beta.Hours.Select(h => h.ToString()));
        Assert.True(beta.IsWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.Empty(beta.Holidays);
        Assert.Empty(await host.AuditAsync("beta", "calendar"));
    }

    [Fact]
    public async Task The_district_recipes_and_the_street_centre_template_ship_the_official_2026_holidays()
    {
        await using var host = new TestHost().WithRepositoryTenants()
            .WithTenant("xinhua", definition: json => json["Recipe"] = "street-centre");
        host.Start();
        foreach (var tenant in new[] { "lianhu", "wanyuan", "yuexiu", "zhanqian", "xinhua" })
        {
            await host.WarmAsync(tenant);
            var calendar = await CalendarAsync(host, tenant);
            Assert.Equal(33, calendar.Holidays.Count);
            Assert.Equal(6, calendar.MakeUpDays.Count);
            Assert.Equal(["08:30–12:00", "13:30–17:30"], calendar.Hours.Select(h => h.ToString()));

            // Spring Festival: 15–23 February off, the Saturdays 14 and 28 February worked; National Day: 1–7 October.
            Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 2, 14)));
            Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 2, 23)));
            Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 2, 24)));
            Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 10, 7)));
            Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 10, 10)));
        }
    }

    [Theory]
    [InlineData("""{"name": "calendar", "holidays": [{"date": "2026-13-01", "name": "坏日期"}]}""", "holidays[0].date is \"2026-13-01\"")]
    [InlineData("""{"name": "calendar", "hours": [{"start": "8h30", "end": "12:00"}]}""", "hours[0].start is \"8h30\"")]
    [InlineData("""{"name": "calendar", "hours": [{"start": "08:30"}]}""", "hours[0].end is missing")]
    [InlineData("""{"name": "calendar", "workingDays": ["Funday"]}""", "workingDays[0] is \"Funday\"")]
    [InlineData("""{"name": "calendar", "holidays": {"date": "2026-10-01"}}""", "\"holidays\" must be an array")]
    [InlineData("""{"name": "calendar", "hours": [{"start": "12:00", "end": "09:00"}]}""", "12:00–09:00 must end after it starts")]
    [InlineData("""{"name": "calendar", "holidays": [{"date": "2026-10-10"}], "makeUpDays": [{"date": "2026-10-10"}]}""", "2026-10-10 cannot be both")]
    [InlineData("""{"name": "calendar", "holiday": []}""", "does not know \"holiday\"")]
    public async Task A_bad_calendar_step_stops_the_recipe_with_a_clear_message_and_saves_nothing(string step, string message)
    {
        await using var host = new TestHost().WithTenant("alpha", Features, extraSteps: [JsonNode.Parse(step)!]);
        host.Start();
        await host.Client().GetAsync("/alpha/");

        var status = await host.AdminClient().GetFromJsonAsync<JsonObject>("/api/tenants/alpha");
        Assert.Equal("Uninitialized", (string?)status!["state"]);
        Assert.Equal("calendar", (string?)status["setupError"]!["stepName"]);
        Assert.Contains(message, (string?)status["setupError"]!["message"], StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_store_caches_per_shell_and_a_save_refreshes_it_at_once(string provider)
    {
        var clock = new ManualClock();
        await using var host = await new TestHost().WithTenant("alpha", Features).WithClock(clock).WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha");

        var first = await CalendarAsync(host, "alpha");
        Assert.Same(first, await CalendarAsync(host, "alpha"));

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var store = scope.ServiceProvider.GetRequiredService<IWorkingCalendarStore>();
            var definition = await store.GetDefinitionAsync();
            definition.Holidays.Add(new CalendarDay(new DateOnly(2026, 10, 1), "国庆节"));
            Assert.True(first.IsWorkingDay(new DateOnly(2026, 10, 1)), "a definition is a copy until it is saved");

            // A refused save changes nothing.
            var refused = new WorkingCalendarDefinition { WorkingDays = [] };
            var error = await Assert.ThrowsAsync<WorkingCalendarException>(() => store.SaveAsync(refused));
            Assert.Contains(error.Errors, e => e.Chinese.Contains("工作日", StringComparison.Ordinal));
            await store.SaveAsync(definition);
        }

        var second = await CalendarAsync(host, "alpha");
        Assert.NotSame(first, second);
        Assert.False(second.IsWorkingDay(new DateOnly(2026, 10, 1)));

        // A change written by another node (here: straight into the document) is seen once the cached copy expires.
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var documents = scope.ServiceProvider.GetRequiredService<IDocumentStore>();
            var stored = (await documents.GetAsync<WorkingCalendarDefinition>(WorkingCalendarStore.DocumentId))!;
            stored.Holidays.Add(new CalendarDay(new DateOnly(2026, 10, 2), "国庆节"));
            await documents.SaveAsync(WorkingCalendarStore.DocumentId, stored);
            await scope.ServiceProvider.GetRequiredService<TenantDbContext>().SaveChangesAsync();
        }

        Assert.True((await CalendarAsync(host, "alpha")).IsWorkingDay(new DateOnly(2026, 10, 2)));
        clock.Advance(WorkingCalendarCache.Lifetime + TimeSpan.FromSeconds(1));
        Assert.False((await CalendarAsync(host, "alpha")).IsWorkingDay(new DateOnly(2026, 10, 2)));
    }

    [Fact]
    public async Task A_new_time_zone_builds_a_new_shell_whose_calendar_uses_it()
    {
        await using var host = new TestHost().WithTenant("alpha", Features);
        host.Start();
        await host.WarmAsync("alpha");
        Assert.Equal("Asia/Shanghai", (await CalendarAsync(host, "alpha")).TimeZone.Id);

        await host.Shells.UpdateDefinitionAsync("alpha", new JsonObject { ["TimeZone"] = "Europe/Berlin" });
        Assert.Equal("Europe/Berlin", (await CalendarAsync(host, "alpha")).TimeZone.Id);
    }

    [Fact]
    public async Task The_admin_page_is_for_administrators_only()
    {
        await using var host = new TestHost().WithTenant("alpha", Features, extraSteps: Steps());
        host.Start();
        await host.WarmAsync("alpha");

        var anonymous = await host.Client("text/html").GetAsync("/alpha/admin/calendar");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        foreach (var (user, password) in new[] { ("street", StreetAdminPassword), ("worker", WorkerPassword) })
        {
            var client = await host.SignedInAsync("alpha", user, password);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/alpha/admin/calendar")).StatusCode);
            Assert.DoesNotContain("admin/calendar", await client.GetStringAsync("/alpha/admin"), StringComparison.Ordinal);
        }

        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);
        Assert.Contains("/alpha/admin/calendar", await admin.GetStringAsync("/alpha/admin"), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_admin_page_saves_the_calendar_audits_it_and_lists_the_coming_exceptions(string provider)
    {
        var clock = new ManualClock();
        clock.Advance(new DateTimeOffset(2026, 9, 1, 2, 0, 0, TimeSpan.Zero) - clock.GetUtcNow());
        await using var host = await new TestHost().WithTenant("alpha", Features, extraSteps: Steps()).WithTenant("beta", Features)
            .WithClock(clock).WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha", "beta");
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);

        var page = await admin.GetStringAsync("/alpha/admin/calendar");
        Assert.Contains("value=\"08:30\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Monday\" checked", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"Saturday\" checked", page, StringComparison.Ordinal);

        var saved = await PostFormAsync(admin, "/alpha/admin/calendar", "/alpha/admin/calendar",
            ("WorkingDays", "Monday"), ("WorkingDays", "Tuesday"), ("WorkingDays", "Wednesday"), ("WorkingDays", "Thursday"), ("WorkingDays", "Friday"),
            ("PeriodStart", "08:30"), ("PeriodEnd", "12:00"), ("PeriodStart", ""), ("PeriodEnd", ""),
            ("PeriodStart", "14:00"), ("PeriodEnd", "17:30"), ("PeriodStart", ""), ("PeriodEnd", ""),
            ("Holidays", "2026-10-01 国庆节\r\n2026-10-02 国庆节\r\n\r\n2026-10-03 国庆节\n2026-09-25 中秋节"),
            ("MakeUpDays", "2026-09-20 国庆节调休\n2026-10-10 国庆节调休"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/alpha/admin/calendar?done=saved", saved.Headers.Location!.OriginalString);

        var calendar = await CalendarAsync(host, "alpha");
        Assert.Equal(["08:30–12:00", "14:00–17:30"], calendar.Hours.Select(h => h.ToString()));
        Assert.Equal(4, calendar.Holidays.Count);
        Assert.Equal(new DateOnly(2026, 9, 25), calendar.Holidays[0].Date);   // kept in date order
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 9, 20)));

        var audit = Assert.Single(await host.AuditAsync("alpha", "calendar", "update"));
        Assert.Equal("admin", audit.UserName);
        Assert.Contains("14:00", audit.After!, StringComparison.Ordinal);
        Assert.Null(audit.Before);

        // The check lists the exceptions from today (1 September 2026 in Shanghai) in date order; the Saturday holiday is none.
        var after = await admin.GetStringAsync("/alpha/admin/calendar?done=saved");
        Assert.Contains("gp-ok", after, StringComparison.Ordinal);
        var upcoming = after[after.IndexOf("id=\"upcoming\"", StringComparison.Ordinal)..];
        var dates = System.Text.RegularExpressions.Regex.Matches(upcoming, "<time datetime=\"([0-9-]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["2026-09-20", "2026-09-25", "2026-10-01", "2026-10-02", "2026-10-10"], dates);
        Assert.Contains("2026-10-01 国庆节", after, StringComparison.Ordinal);

        // The other tenant is untouched.
        Assert.Empty((await CalendarAsync(host, "beta")).Holidays);
    }

    [Fact]
    public async Task Bad_input_on_the_admin_page_is_refused_line_by_line_kept_as_typed_and_nothing_is_saved()
    {
        await using var host = new TestHost().WithTenant("alpha", Features, extraSteps: Steps(CalendarStep()));
        host.Start();
        await host.WarmAsync("alpha");
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);
        var before = await CalendarAsync(host, "alpha");

        var response = await PostFormAsync(admin, "/alpha/admin/calendar", "/alpha/admin/calendar",
            ("PeriodStart", "08:30"), ("PeriodEnd", "12:00"), ("PeriodStart", "11:00"), ("PeriodEnd", "13:00"),
            ("PeriodStart", "18:00"), ("PeriodEnd", "17:00"), ("PeriodStart", "8h"), ("PeriodEnd", ""),
            ("Holidays", "2026-10-01 国庆节\n2026-13-01 坏日期\n2026-10-01 又一次"),
            ("MakeUpDays", "2026-10-01 调休"));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var field in new[] { "WorkingDays", "PeriodStart-2", "PeriodStart-3", "PeriodStart-4", "Holidays", "MakeUpDays" })
        {
            Assert.Contains($"id=\"{field}-error\"", page, StringComparison.Ordinal);
        }

        Assert.Contains("第 2 行", page, StringComparison.Ordinal);
        Assert.Contains("第 3 行：2026-10-01 与第 1 行重复", page, StringComparison.Ordinal);
        Assert.Contains("2026-13-01 坏日期", page, StringComparison.Ordinal);   // the textarea keeps what was typed
        Assert.Contains("value=\"8h\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"18:00\"", page, StringComparison.Ordinal);

        // In English too.
        var english = await PostFormAsync(admin, "/alpha/admin/calendar?culture=en", "/alpha/admin/calendar?culture=en",
            ("WorkingDays", "Monday"), ("PeriodStart", "09:00"), ("PeriodEnd", "12:00"), ("Holidays", "tomorrow"));
        Assert.Contains("Line 1: “tomorrow” is not a date", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Empty boxes keep their place: a row with an end only is that row's error, and the next row stays the next row.
        var shifted = await PostFormAsync(admin, "/alpha/admin/calendar", "/alpha/admin/calendar",
            ("WorkingDays", "Monday"), ("PeriodStart", ""), ("PeriodEnd", "12:00"), ("PeriodStart", "13:00"), ("PeriodEnd", "17:00"));
        var shiftedPage = await shifted.Content.ReadAsStringAsync();
        Assert.Contains("id=\"PeriodStart-1-error\"", shiftedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"PeriodStart-2-error\"", shiftedPage, StringComparison.Ordinal);
        Assert.Matches("id=\"PeriodEnd-1\" name=\"PeriodEnd\" value=\"12:00\"", shiftedPage);
        Assert.Matches("id=\"PeriodStart-2\" name=\"PeriodStart\" value=\"13:00\"", shiftedPage);

        Assert.Same(before, await CalendarAsync(host, "alpha"));
        Assert.Single(await host.AuditAsync("alpha", "calendar"));   // the recipe's only
    }
}
