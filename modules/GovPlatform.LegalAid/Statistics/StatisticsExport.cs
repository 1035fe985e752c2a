using System.Globalization;
using GovPlatform.Calendars;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;
using MiniExcelLibs;

namespace GovPlatform.LegalAid.Statistics;

/// <summary>
/// The statistics as an Excel workbook: one sheet, a row per station or unit and the total, headers in the reader's
/// language. Only counts: no resident's, applicant's or citizen's data. The caller gives a seekable stream (a
/// temporary file), since the workbook's zip is written synchronously.
/// </summary>
internal static class StatisticsExport
{
    public static string FileName(StatisticsRequest request) =>
        $"legal-services-{ReportPeriod.Iso(request.From)}-{ReportPeriod.Iso(request.To)}.xlsx";

    /// <summary>The column headers, in order.</summary>
    public static IReadOnlyList<BilingualText> Headers { get; } =
    [
        new("分组", "Group"),
        new("咨询总数", "Consultations"),
        .. LegalAidFigures.Channels.Select(c => Prefixed("咨询·", "Consultations: ", LegalAidNames.Channel(c))),
        .. LegalAidFigures.Outcomes.Select(o => Prefixed("咨询结果·", "Outcome: ", LegalAidNames.Outcome(o))),
        new("援助申请受理", "Applications submitted"),
        new("批准援助", "Granted"),
        new("不予援助", "Refused"),
        new("援助结案", "Closed"),
        new("预约数", "Appointments booked"),
        new("按约到场", "Kept"),
        new("未到场", "Missed"),
        new("已取消", "Cancelled"),
        new("到场率", "Kept rate"),
        new("夜间接访场次", "Evening receptions held"),
        new("接访事项", "Matters heard"),
        new("转诉求办理", "Petitions filed"),
    ];

    public static async Task WriteAsync(Stream stream, StatisticsReport report, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(culture);
        var english = culture.TwoLetterISOLanguageName == "en";
        string T(BilingualText text) => english ? text.English : text.Chinese;
        var rows = report.Rows.Select(r => Row(T(r.Name), r.Figures, T))
            .Append(Row(T(new("合计", "Total")), report.Total, T))
            .ToList();
        await stream.SaveAsAsync(rows, sheetName: T(new("统计", "Statistics")), cancellationToken: cancellationToken);
    }

    private static Dictionary<string, object> Row(string group, LegalAidFigures f, Func<BilingualText, string> t)
    {
        object[] values =
        [
            group, f.Consultations, .. f.ByChannel.Cast<object>(), .. f.ByOutcome.Cast<object>(),
            f.Submitted, f.Granted, f.Refused, f.Closed, f.Booked, f.Kept, f.Missed, f.Cancelled, f.KeptRateText,
            f.ReceptionsHeld, f.MattersHeard, f.PetitionsFiled,
        ];
        var row = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            row[t(Headers[i])] = values[i];
        }

        return row;
    }

    private static BilingualText Prefixed(string chinese, string english, BilingualText name) => new(chinese + name.Chinese, english + name.English);
}
