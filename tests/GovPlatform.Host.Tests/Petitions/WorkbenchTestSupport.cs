using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Petitions;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace GovPlatform.Host.Tests.Petitions;

/// <summary>What the workbench, reception and browser tests share: petitions written straight to the database, staff clients and forms.</summary>
internal static partial class WorkbenchTestSupport
{
    public const string Password = GridTestData.StaffPassword;

    /// <summary>Adds a users step creating a user with a phone on the account (the petitions test users have none).</summary>
    public static TestHost WithPhoneUser(this TestHost host, string tenant, string userName, string role, string unit, string phone)
    {
        var path = Path.Combine(host.TenantsPath, tenant, "recipe.json");
        var recipe = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var step = IdentityTestSupport.UsersStep((userName, Password, [role], [unit]))[0]!.AsObject();
        step["users"]![0]!["phone"] = phone;
        recipe["steps"]!.AsArray().Add(step.DeepClone());
        return host.WriteFile($"{tenant}/recipe.json", recipe.ToJsonString());
    }

    /// <summary>
    /// Writes a petition row as it would stand after intake, with the values a test chooses (no event, no deadline
    /// computation): for list and scope tests that need exact dates and many rows.
    /// </summary>
    public static async Task<Petition> InsertAsync(TestHost host, string tenant, Action<Petition> shape)
    {
        await using var scope = await host.ScopeAsync(tenant);
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var petition = new Petition
        {
            TrackingNumber = "9" + Guid.NewGuid().ToString("N")[..13].ToUpperInvariant(),
            Channel = PetitionChannel.Online,
            Stage = PetitionStage.Collect,
            CategoryCode = "0201",
            Title = "测试诉求",
            Description = "测试诉求的内容，足够长。",
            GridUnitCode = "D-01-01-01",
            HandlingUnitCode = "D-01-01",
            ContactPhone = "13900000000",
            ReceivedUtc = now.AddHours(-1),
            DueUtc = now.AddDays(3),
            WarnAtUtc = now.AddDays(2),
            UpdatedUtc = now,
            Version = 1,
        };
        shape(petition);
        db.Add(petition);
        await db.SaveChangesAsync();
        return petition;
    }

    /// <summary>Files a petition through the real intake (deadline, duplicate flag, first event, files).</summary>
    public static async Task<Petition> FileAsync(TestHost host, string tenant, PetitionSubmission submission)
    {
        await using var scope = await host.ScopeAsync(tenant);
        var result = await scope.ServiceProvider.GetRequiredService<PetitionIntakeService>().SubmitAsync(submission, null, default);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value.English}")));
        return result.Petition!;
    }

    /// <summary>Runs a command as <paramref name="userName"/> through the workflow, and insists it succeeds.</summary>
    public static async Task RunAsync(TestHost host, string tenant, long id, string userName, PetitionCommand command)
    {
        await using var scope = await host.ScopeAsync(tenant);
        var services = scope.ServiceProvider;
        var actor = PetitionActor.Staff(await PetitionTestData.PrincipalAsync(services, userName));
        var result = await services.GetRequiredService<PetitionWorkflow>().ExecuteAsync(id, command, actor, default);
        Assert.True(result.Succeeded, $"{command.Trigger}: {result.Status} {string.Join("; ", (result.Errors ?? new Dictionary<string, GovPlatform.Localization.BilingualText>()).Select(e => e.Value.English))}");
    }

    public static async Task<Petition?> ReadAsync(TestHost host, string tenant, long id)
    {
        await using var scope = await host.ScopeAsync(tenant);
        return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Petition>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
    }

    public static async Task<List<PetitionEvent>> EventsAsync(TestHost host, string tenant, long id)
    {
        await using var scope = await host.ScopeAsync(tenant);
        return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<PetitionEvent>().AsNoTracking()
            .Where(e => e.PetitionId == id).OrderBy(e => e.Sequence).ToListAsync();
    }

    public static async Task<int> CountAsync(TestHost host, string tenant)
    {
        await using var scope = await host.ScopeAsync(tenant);
        return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Petition>().CountAsync();
    }

    /// <summary>A GET that must answer 200; its HTML, entities decoded (the renderer encodes every Chinese character).</summary>
    public static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await HtmlAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {html}");
        return html;
    }

    /// <summary>An answer's HTML with its entities decoded.</summary>
    public static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>Posts a multipart form of <paramref name="pageUrl"/> (with its antiforgery token and hidden key) to <paramref name="postUrl"/>.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string pageUrl, string postUrl, (string Name, string Value)[] fields, params (string Name, string FileName, byte[] Content)[] files)
    {
        var html = await PageAsync(client, pageUrl);
        var token = TokenPattern().Match(html).Groups[1].Value;
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var (name, fileName, content) in files)
        {
            form.Add(new ByteArrayContent(content), name, fileName);
        }

        return await client.PostAsync(postUrl, form);
    }

    /// <summary>The ids of the action forms on a case page (<c>confirm</c>, <c>assign-unit</c>…).</summary>
    public static IReadOnlyList<string> Actions(string html) =>
        [.. ActionPattern().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>The case ids a workbench page lists, in order.</summary>
    public static IReadOnlyList<long> ListedIds(string html, string tenant) =>
        [.. Regex.Matches(html, $"<tr[^>]*>\\s*<td data-label=\"[^\"]+\"><a href=\"/{tenant}/admin/petitions/(\\d+)\"").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>An 8×8 PNG that decodes.</summary>
    public static byte[] Png()
    {
        using var bitmap = new SKBitmap(8, 8);
        bitmap.Erase(SKColors.OrangeRed);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The first bytes of an MP4 file: what the intake recognises a video by.</summary>
    public static byte[] Mp4() => [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0, 0, 2, 0, 1, 2, 3, 4, 5, 6, 7, 8];

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<details class=\"case-action\" id=\"action-([a-z-]+)\"")]
    private static partial Regex ActionPattern();
}
