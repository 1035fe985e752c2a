using System.Net;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Petitions;
using GovPlatform.Petitions.Loop;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;
using static GovPlatform.Host.Tests.Petitions.WorkbenchTestSupport;

namespace GovPlatform.Host.Tests.Petitions;

/// <summary>The reception's registration form and the grid worker's field report, over HTTP.</summary>
public sealed class ReceptionTests
{
    private const string Reception = "/alpha/admin/petitions/reception";
    private const string Report = "/alpha/admin/petitions/report";

    private static (string, string)[] Visit(params (string Name, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["key"] = Guid.NewGuid().ToString("N"),
            ["contactName"] = "王大爷",
            ["contactPhone"] = "13512345678",
            ["peopleInvolved"] = "王大爷、楼上住户李某",
            ["categoryCode"] = "0201",
            ["description"] = "楼上住户长期在阳台养鸽子，气味和噪音影响休息。",
            ["gridUnitCode"] = "D-01-01-02",
            ["address"] = "五大门社区 3 栋 2 单元",
            ["onTheSpotHandling"] = "已电话联系楼上住户，约定本周内处理。",
            ["receptionOpinion"] = "建议网格员跟踪回访。",
        };
        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }

        return [.. fields.Select(f => (f.Key, f.Value))];
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_reception_form_files_a_reception_petition_with_the_receiver_as_first_responder(string provider)
    {
        await using var host = await new TestHost().WithPetitionTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var staff = await host.SignedInAsync("alpha", "staff", Password);

        var response = await PostMultipartAsync(staff, Reception, Reception, Visit(), ("attachments", "来访材料.png", Png()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches(@"^/alpha/admin/petitions/\d+\?done=received$", location);
        var id = long.Parse(location.Split('/')[^1].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);

        var petition = (await ReadAsync(host, "alpha", id))!;
        Assert.Equal(PetitionChannel.Reception, petition.Channel);
        Assert.Equal(PetitionStage.Collect, petition.Stage);
        Assert.Equal("staff", petition.FirstResponder);
        Assert.Equal("D-01-01", petition.HandlingUnitCode); // the receiver's unit
        Assert.Equal("D-01-01-02", petition.GridUnitCode);
        Assert.Equal(("王大爷", "13512345678", "王大爷、楼上住户李某"), (petition.ContactName, petition.ContactPhone, petition.PeopleInvolved));
        Assert.Equal("建议网格员跟踪回访。", petition.ReceptionOpinion);

        var page = await PageAsync(staff, location);
        Assert.Contains("您是这件诉求的首问责任人", page, StringComparison.Ordinal);
        Assert.Contains("来访接待登记", page, StringComparison.Ordinal);
        Assert.Contains("来访材料.png", page, StringComparison.Ordinal);
        Assert.Equal("staff", (await EventsAsync(host, "alpha", id)).Single().Actor);
    }

    [Fact]
    public async Task Bad_input_keeps_what_was_typed_and_saves_nothing_and_a_double_post_files_once()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        var staff = await host.SignedInAsync("alpha", "staff", Password);

        var refused = await PostMultipartAsync(staff, Reception, Reception,
            Visit(("contactName", ""), ("contactPhone", "12345")), ("attachments", "a.png", Png()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await HtmlAsync(refused);
        Assert.Contains("id=\"contactName-error\">请填写来访人姓名", html, StringComparison.Ordinal);
        Assert.Contains("id=\"contactPhone-error\">请填写有效的手机号", html, StringComparison.Ordinal);
        Assert.Contains("楼上住户长期在阳台养鸽子", html, StringComparison.Ordinal); // the matter, kept
        Assert.Contains("value=\"12345\"", html, StringComparison.Ordinal);
        Assert.Contains("请重新选择", html, StringComparison.Ordinal); // files cannot be kept
        var badPoint = await PostMultipartAsync(staff, Reception, Reception, Visit(("longitude", "东经113")));
        Assert.Equal(HttpStatusCode.BadRequest, badPoint.StatusCode);
        Assert.Contains("请填写经度和纬度两个数字", await HtmlAsync(badPoint), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(host, "alpha"));

        // Solved on the spot needs a category that allows it: 0101 (gas leak) does not.
        var notOnTheSpot = await PostMultipartAsync(staff, Reception, Reception, Visit(("categoryCode", "0101"), ("solvedOnTheSpot", "true")));
        Assert.Equal(HttpStatusCode.BadRequest, notOnTheSpot.StatusCode);
        Assert.Contains("这个类别不能当场解决", await HtmlAsync(notOnTheSpot), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(host, "alpha"));

        // The same form posted twice files one petition.
        var fields = Visit();
        var first = await PostMultipartAsync(staff, Reception, Reception, fields);
        var second = await PostMultipartAsync(staff, Reception, Reception, fields);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await CountAsync(host, "alpha"));
    }

    [Fact]
    public async Task A_visit_solved_on_the_spot_goes_to_feedback_with_the_handling_as_the_reply()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        var staff = await host.SignedInAsync("alpha", "staff", Password);

        var response = await PostMultipartAsync(staff, Reception, Reception, Visit(("solvedOnTheSpot", "true"), ("gridUnitCode", ""),
            ("longitude", GridTestData.Invariant(InFirstGrid.Longitude)), ("latitude", GridTestData.Invariant(InFirstGrid.Latitude))));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("?done=received-solved", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var id = long.Parse(response.Headers.Location.OriginalString.Split('/')[^1].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);
        var petition = (await ReadAsync(host, "alpha", id))!;
        Assert.Equal(PetitionStage.Feedback, petition.Stage);
        Assert.Equal("D-01-01-01", petition.GridUnitCode);
        Assert.Equal("已电话联系楼上住户，约定本周内处理。", petition.PublicReply);
        Assert.Equal([GovPlatform.Petitions.Services.PetitionNames.SubmitAction, nameof(PetitionTrigger.SolveOnTheSpot)], (await EventsAsync(host, "alpha", id)).Select(e => e.Action));
    }

    [Fact]
    public async Task The_field_report_needs_the_devices_location_and_uses_the_workers_phone_by_default()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha").WithPhoneUser("alpha", "mobile", "GridWorker", "D-01-01-01", "13600001111");
        host.Start();
        var mobile = await host.SignedInAsync("alpha", "mobile", Password);
        var form = await PageAsync(mobile, Report);
        Assert.Contains("capture=\"environment\"", form, StringComparison.Ordinal);
        Assert.Contains("accept=\"image/*,video/*\"", form, StringComparison.Ordinal);
        Assert.Contains("不填则使用您账号登记的电话 13600001111", form, StringComparison.Ordinal);

        (string, string)[] What(params (string, string)[] more) =>
            [("key", Guid.NewGuid().ToString("N")), ("categoryCode", "0102"), ("description", "消防通道被电动车堵塞，已拍照。"), .. more];

        var noPlace = await PostMultipartAsync(mobile, Report, Report, What(), ("attachments", "堵塞.png", Png()));
        Assert.Equal(HttpStatusCode.BadRequest, noPlace.StatusCode);
        var noPlaceHtml = await HtmlAsync(noPlace);
        Assert.Contains("现场上报需要设备定位", noPlaceHtml, StringComparison.Ordinal);
        Assert.Contains("<details class=\"report-manual\" open", noPlaceHtml, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(host, "alpha"));

        var filed = await PostMultipartAsync(mobile, Report, Report,
            What(("longitude", GridTestData.Invariant(InFirstGrid.Longitude)), ("latitude", GridTestData.Invariant(InFirstGrid.Latitude))),
            ("attachments", "堵塞.png", Png()), ("attachments", "clip.mp4", Mp4()));
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var done = filed.Headers.Location!.OriginalString;
        Assert.StartsWith(Report + "?filed=", done, StringComparison.Ordinal);
        var id = long.Parse(done.Split('=')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var petition = (await ReadAsync(host, "alpha", id))!;
        Assert.Equal(PetitionChannel.Field, petition.Channel);
        Assert.Equal("D-01-01-01", petition.GridUnitCode);
        Assert.Equal("13600001111", petition.ContactPhone);
        Assert.Contains($"已上报，编号 {petition.TrackingNumber}", await PageAsync(mobile, done), StringComparison.Ordinal);

        // The number is shown to the worker who filed it, not to another who guesses the id.
        var worker = await host.SignedInAsync("alpha", "worker", Password);
        Assert.DoesNotContain(petition.TrackingNumber, await PageAsync(worker, done), StringComparison.Ordinal);

        // A worker whose account has no phone must give one.
        var noPhone = await PostMultipartAsync(worker, Report, Report,
            What(("longitude", GridTestData.Invariant(InFirstGrid.Longitude)), ("latitude", GridTestData.Invariant(InFirstGrid.Latitude))));
        Assert.Equal(HttpStatusCode.BadRequest, noPhone.StatusCode);
        Assert.Contains("您的账号没有登记电话，请填写联系电话", await HtmlAsync(noPhone), StringComparison.Ordinal);
        var withPhone = await PostMultipartAsync(worker, Report, Report,
            What(("longitude", GridTestData.Invariant(InFirstGrid.Longitude)), ("latitude", GridTestData.Invariant(InFirstGrid.Latitude)), ("contactPhone", "13600002222")));
        Assert.Equal(HttpStatusCode.Redirect, withPhone.StatusCode);
        Assert.Equal(2, await CountAsync(host, "alpha"));
    }

    [Fact]
    public async Task Reception_and_field_report_need_their_permissions()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        var worker = await host.SignedInAsync("alpha", "worker", Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync(Reception)).StatusCode); // grid workers do not receive visitors
        var dept = await host.SignedInAsync("alpha", "dept", Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await dept.GetAsync(Report)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().GetAsync(Report)).StatusCode);
        var english = await host.SignedInAsync("alpha", "staff", Password);
        Assert.Contains("Visitor registration form", await PageAsync(english, Reception + "?culture=en"), StringComparison.Ordinal);
    }
}
