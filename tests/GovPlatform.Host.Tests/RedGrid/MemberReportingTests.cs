using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.RedGrid.Members;
using GovPlatform.RedGrid.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>In-service members reporting to their community, the tasks the community gives them, the member's own tasks page, and the reporting report's arithmetic on both providers.</summary>
public sealed class MemberReportingTests
{
    [Fact]
    public async Task An_in_service_member_reports_gets_a_task_and_marks_it_done_on_the_site()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha");
        host.Start();
        long memberId, residentId, taskId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var member = MemberTestData.Member("在职甲", "D-01-01-01", MemberKind.InService);
            member.UserName = "worker";
            var resident = MemberTestData.Member("居住乙", "D-01-01-01");
            await RedGridTestData.SaveAsync(scope.ServiceProvider, member, resident);
            (memberId, residentId) = (member.Id, resident.Id);
            var service = scope.ServiceProvider.GetRequiredService<MemberService>();
            var staff = await MemberTestData.PrincipalAsync(scope.ServiceProvider, "staff");
            Assert.Equal(["community"], (await service.ReportAsync(memberId, "D-01-01-01", "2026-11-20", staff)).Errors.Keys);   // a grid, not a community
            Assert.Equal(["community"], (await service.ReportAsync(memberId, "D-02-01", "2026-11-20", staff)).Errors.Keys);      // out of scope
            Assert.Equal(["reportedOn"], (await service.ReportAsync(memberId, "D-01-01", "20.11.2026", staff)).Errors.Keys);
            Assert.Equal([""], (await service.ReportAsync(residentId, "D-01-01", "2026-11-20", staff)).Errors.Keys);             // not in service
            Assert.Equal(MemberOutcome.Done, (await service.ReportAsync(memberId, "D-01-01", "2026-11-20", staff)).Outcome);

            var street = await MemberTestData.PrincipalAsync(scope.ServiceProvider, "street");
            Assert.Equal(MemberOutcome.Forbidden, (await service.AddTaskAsync(memberId, "关爱独居老人", null, street)).Outcome);
            Assert.Equal(["title"], (await service.AddTaskAsync(memberId, " ", null, staff)).Errors.Keys);
            Assert.Equal(MemberOutcome.NotFound, (await service.AddTaskAsync(residentId, "未报到", null, staff)).Outcome);
            var (task, _, outcome) = await service.AddTaskAsync(memberId, "关爱独居老人", "2026-12-01", staff);
            Assert.Equal(MemberOutcome.Done, outcome);
            Assert.Equal("D-01-01", task!.GridUnitCode);
            taskId = task.Id;
        }

        var staffClient = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var reporting = await staffClient.GetStringAsync("/alpha/admin/redgrid/reporting?community=D-01-01");
        Assert.Contains("在职甲", reporting, StringComparison.Ordinal);
        Assert.Contains("关爱独居老人", reporting, StringComparison.Ordinal);
        Assert.DoesNotContain("居住乙", reporting, StringComparison.Ordinal);

        var street1 = await host.SignedInAsync("alpha", "street1", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.NotFound,
            (await IdentityTestSupport.PostFormAsync(street1, "/alpha/redgrid/my-tasks", $"/alpha/redgrid/my-tasks/{taskId}/done", ("Minutes", "60"))).StatusCode);
        Assert.Contains("没有关联党员名册", await street1.GetStringAsync("/alpha/redgrid/my-tasks"), StringComparison.Ordinal);

        var worker = await host.SignedInAsync("alpha", "worker", GridTestData.StaffPassword);
        Assert.Contains("关爱独居老人", await worker.GetStringAsync("/alpha/redgrid/my-tasks"), StringComparison.Ordinal);
        var badMinutes = await IdentityTestSupport.PostFormAsync(worker, "/alpha/redgrid/my-tasks", $"/alpha/redgrid/my-tasks/{taskId}/done", ("Minutes", "0"));
        Assert.Equal(HttpStatusCode.BadRequest, badMinutes.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect,
            (await IdentityTestSupport.PostFormAsync(worker, "/alpha/redgrid/my-tasks", $"/alpha/redgrid/my-tasks/{taskId}/done", ("Minutes", "90"), ("Note", "陪同就医"))).StatusCode);
        Assert.Contains("服务 90 分钟", await worker.GetStringAsync("/alpha/redgrid/my-tasks"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/alpha/admin/redgrid/reporting")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staffClient, "/alpha/admin/redgrid/reporting?community=D-01-01",
            $"/alpha/admin/redgrid/members/{memberId}/unreport?community=D-01-01")).StatusCode);
        await using var check = await host.ScopeAsync("alpha");
        var db = check.ServiceProvider.GetRequiredService<TenantDbContext>();
        var stored = await db.Set<PartyMember>().AsNoTracking().SingleAsync(m => m.Id == memberId);
        Assert.Null(stored.ReportedUnitCode);
        var done = await db.Set<MemberTask>().AsNoTracking().SingleAsync(t => t.Id == taskId);
        Assert.Equal(90, done.Minutes);
        Assert.NotNull(done.CompletedUtc);
        var audit = await host.AuditAsync("alpha", "redgrid");
        Assert.Contains(audit, e => e.Action == "member-report");
        Assert.Contains(audit, e => e.Action == "member-report-undo");
        Assert.Contains(audit, e => e.Action == "task-done" && e.UserName == "worker");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_report_counts_living_reported_tasks_and_hours_per_community(string provider)
    {
        await using var host = await new TestHost().WithGeneratedRedGridTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var random = new Random(20261126);
        var from = new DateOnly(2026, 10, 1);
        var to = new DateOnly(2026, 10, 31);
        var communities = (from s in Enumerable.Range(1, 3) from c in Enumerable.Range(1, 3) select $"G-{s}-{c}").ToList();
        var members = new List<PartyMember>();
        var tasks = new List<MemberTask>();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            for (var i = 0; i < 150; i++)
            {
                var community = communities[random.Next(communities.Count)];
                var home = random.Next(5) == 0 ? community : $"{community}-{random.Next(1, 5)}";
                var kind = random.Next(3) == 0 ? MemberKind.Resident : MemberKind.InService;
                var member = MemberTestData.Member($"m{i}", home, kind, status: random.Next(10) == 0 ? MemberStatus.Transferred : MemberStatus.Active);
                if (kind == MemberKind.InService && random.Next(3) > 0)
                {
                    member.ReportedUnitCode = communities[random.Next(communities.Count)];
                    member.ReportedOn = random.Next(4) == 0 ? new DateOnly(2026, 11, 5) : new DateOnly(2026, 9, random.Next(1, 30));
                }

                members.Add(member);
            }

            await RedGridTestData.SaveAsync(scope.ServiceProvider, [.. members]);
            foreach (var member in members.Where(m => m.ReportedUnitCode is not null))
            {
                for (var t = random.Next(0, 4); t > 0; t--)
                {
                    DateTime Day() => random.Next(4) switch
                    {
                        0 => new DateTime(2026, 9, 20, 12, 0, 0, DateTimeKind.Utc),
                        1 => new DateTime(2026, 11, 10, 12, 0, 0, DateTimeKind.Utc),
                        _ => new DateTime(2026, 10, random.Next(1, 31), 12, 0, 0, DateTimeKind.Utc),
                    };
                    var task = new MemberTask { MemberId = member.Id, GridUnitCode = member.ReportedUnitCode!, Title = "服务", CreatedUtc = Day() };
                    if (random.Next(2) == 0)
                    {
                        task.CompletedUtc = Day();
                        task.Minutes = random.Next(15, 240);
                    }

                    tasks.Add(task);
                }
            }

            await RedGridTestData.SaveAsync(scope.ServiceProvider, [.. tasks]);
        }

        await using var check = await host.ScopeAsync("alpha");
        var report = check.ServiceProvider.GetRequiredService<ReportingReport>();
        var admin = await MemberTestData.PrincipalAsync(check.ServiceProvider, "admin");
        static bool InPeriod(DateTime? utc) => utc is { } u && u >= new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc) && u < new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        static string CommunityOf(string code) => string.Join('-', code.Split('-').Take(3));

        void AssertRow(ReportingRow row, Func<string, bool> under)
        {
            var living = members.Where(m => m.Kind == MemberKind.InService && m.Status == MemberStatus.Active && under(CommunityOf(m.GridUnitCode))).ToList();
            Assert.Equal(living.Count, row.Living);
            Assert.Equal(living.Count(m => m.ReportedOn is { } on && on <= to), row.Reported);
            Assert.Equal(tasks.Count(t => under(t.GridUnitCode) && InPeriod(t.CreatedUtc)), row.TasksGiven);
            Assert.Equal(tasks.Count(t => under(t.GridUnitCode) && InPeriod(t.CompletedUtc)), row.TasksDone);
            Assert.Equal(tasks.Where(t => under(t.GridUnitCode) && InPeriod(t.CompletedUtc)).Sum(t => (long)t.Minutes), row.Minutes);
        }

        var all = (await report.ComputeAsync(null, from, to, admin))!;
        Assert.Equal(communities, all.Rows.Select(r => r.Unit!.Code));
        foreach (var row in all.Rows)
        {
            AssertRow(row, c => c == row.Unit!.Code);
        }

        AssertRow(all.Total, _ => true);
        Assert.True(all.Total.Reported > 0 && all.Total.Reported < all.Total.Living && all.Total.TasksDone > 0);
        Assert.Equal(Math.Round(all.Total.Minutes / 60m, 1), all.Total.Hours);

        // A subtotal per street, in the street's order, summing its communities; together they make the total.
        Assert.Equal(["G-1", "G-2", "G-3"], all.Streets.Select(s => s.Street!.Code));
        foreach (var s in all.Streets)
        {
            Assert.All(s.Rows, r => Assert.Equal(s.Street!.Code, r.Unit!.ParentCode));
            AssertRow(s.Subtotal, c => c.StartsWith(s.Street!.Code + "-", StringComparison.Ordinal));
        }

        Assert.Equal(all.Total.Living, all.Streets.Sum(s => s.Subtotal.Living));

        var street = (await report.ComputeAsync("G-2", from, to, admin))!;
        Assert.Equal(["G-2-1", "G-2-2", "G-2-3"], street.Rows.Select(r => r.Unit!.Code));
        AssertRow(street.Total, c => c.StartsWith("G-2-", StringComparison.Ordinal));

        var staff = await MemberTestData.PrincipalAsync(check.ServiceProvider, "staff");
        var own = (await report.ComputeAsync(null, from, to, staff))!;
        Assert.Equal(["G-1-1"], own.Rows.Select(r => r.Unit!.Code));
        Assert.Null(await report.ComputeAsync("G-2", from, to, staff));

        var client = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        var page = await client.GetStringAsync("/alpha/admin/redgrid/reporting/report?period=custom&from=2026-10-01&to=2026-10-31");
        Assert.Contains("第2街道第3社区", page, StringComparison.Ordinal);
        Assert.DoesNotContain("第1街道第1社区", page, StringComparison.Ordinal);
        Assert.Contains("第2街道 小计", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/alpha/admin/redgrid/reporting/report/export?unit=G-1&period=custom&from=2026-10-01&to=2026-10-31")).StatusCode);
        var export = await client.GetAsync("/alpha/admin/redgrid/reporting/report/export?unit=G-2&period=custom&from=2026-10-01&to=2026-10-31");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = new MemoryStream(await export.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        // Three communities, the street's subtotal, the total.
        Assert.Equal(5, rows.Count);
        Assert.Equal("第2街道 小计", rows[3]["社区"]);
        Assert.Equal(street.Total.TasksDone, Convert.ToInt32(rows[^2]["完成任务"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(street.Total.TasksDone, Convert.ToInt32(rows[^1]["完成任务"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(await host.AuditAsync("alpha", "redgrid", "reporting-export"), e => e.UserName == "street");
    }
}
