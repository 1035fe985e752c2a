using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Points.Models;
using GovPlatform.Tenants;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace GovPlatform.Points.Reports;

/// <summary>
/// The points report as an Excel workbook: sheet 1 (报表) the figures as the page shows them, sheet 2 (积分明细) the
/// ledger entries written in the period in the report's units (an earn's unit; otherwise the volunteer's). Privacy: the
/// rows carry the volunteer's name, never an identity number or a phone. The caller gives a seekable stream.
/// </summary>
internal sealed class PointsReportExport(TenantDbContext db, IGridDirectory grid, ITenant tenant)
{
    /// <summary>Excel's last row, less the header.</summary>
    public const int MaxRows = 1_048_575;

    public static string FileName(PointsReportRequest request) =>
        $"points-report-{PointsReportForm.Iso(request.From)}-{PointsReportForm.Iso(request.To)}.xlsx";

    /// <summary>The entries of the selection, as a query not yet run.</summary>
    public IQueryable<EntryQueryRow> Entries(PointsReportSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var (start, end, codes) = (selection.FromUtc, selection.ToUtc, selection.Codes);
        var pairs =
            from e in db.Set<PointEntry>().AsNoTracking()
            join v in db.Set<Volunteer>().AsNoTracking() on e.VolunteerId equals v.Id
            where e.CreatedUtc >= start && e.CreatedUtc < end
            select new { e, v };
        if (codes is not null)
        {
            pairs = pairs.Where(p => EF.Parameter(codes).Contains(p.e.GridUnitCode ?? p.v.GridUnitCode));
        }

        return pairs.OrderBy(p => p.e.CreatedUtc).ThenBy(p => p.e.Id)
            .Select(p => new EntryQueryRow(p.e.Id, p.e.CreatedUtc, p.v.RealName, p.e.GridUnitCode ?? p.v.GridUnitCode, p.e.Kind, p.e.Amount, p.e.Reason, p.e.SourceType, p.e.SourceId));
    }

    public async Task WriteAsync(Stream stream, PointsReportSelection selection, PointsReportResult report, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(culture);
        var english = culture.TwoLetterISOLanguageName == "en";
        string T(BilingualText text) => english ? text.English : text.Chinese;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        _ = await grid.GetLevelsAsync(cancellationToken);
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        string Unit(string code)
        {
            if (!units.TryGetValue(code, out var name))
            {
                var found = grid.FindAsync(code, cancellationToken);
                name = found.IsCompletedSuccessfully && found.Result is { } unit ? unit.DisplayName(culture) : code;
                units[code] = name;
            }

            return name;
        }

        var entries = Entries(selection).AsAsyncEnumerable();
        var rows = new List<EntryRow>();
        await foreach (var e in entries.WithCancellation(cancellationToken))
        {
            rows.Add(new EntryRow
            {
                Time = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(e.CreatedUtc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Volunteer = e.Volunteer,
                EntryUnit = Unit(e.Unit),
                Kind = T(KindName(e.Kind)),
                Amount = e.Amount,
                Reason = e.Reason,
                Source = e.SourceId is { } id ? $"{e.SourceType} {id}" : e.SourceType,
            });
        }

        var figures = report.Rows.Select(r => Figures(T(r.Name), r.Figures)).Append(Figures(T(new("合计", "Total")), report.Total));
        var sheets = new Dictionary<string, object>
        {
            [T(new("报表", "Report"))] = figures,
            [T(new("积分明细", "Entries"))] = rows,
        };
        var configuration = new OpenXmlConfiguration
        {
            DynamicColumns = [.. Columns.Select(c => new DynamicExcelColumn(c.Property) { Name = T(c.Header), Width = c.Width })],
        };
        await stream.SaveAsAsync(sheets, configuration: configuration, cancellationToken: cancellationToken);
    }

    public static BilingualText KindName(EntryKind kind) => kind switch
    {
        EntryKind.Earn => new("获得", "Earned"),
        EntryKind.Redeem => new("兑换", "Redeemed"),
        EntryKind.Adjust => new("调整", "Adjusted"),
        EntryKind.Expire => new("过期", "Expired"),
        _ => new("冲正", "Reversed"),
    };

    private static readonly (string Property, BilingualText Header, double Width)[] Columns =
    [
        (nameof(FigureRow.Unit), new("网格单元", "Unit"), 28),
        (nameof(FigureRow.ActivitiesHeld), new("开展活动数", "Activities held"), 11),
        (nameof(FigureRow.VolunteersActive), new("参与志愿者数", "Active volunteers"), 12),
        (nameof(FigureRow.PointsIssued), new("发放积分", "Points issued"), 11),
        (nameof(FigureRow.PointsRedeemed), new("兑换积分", "Points redeemed"), 11),
        (nameof(FigureRow.RedemptionValue), new("兑换价值（元）", "Value redeemed (yuan)"), 14),
        (nameof(EntryRow.Time), new("时间", "Time"), 17),
        (nameof(EntryRow.Volunteer), new("志愿者", "Volunteer"), 12),
        (nameof(EntryRow.EntryUnit), new("所属网格", "Grid unit"), 16),
        (nameof(EntryRow.Kind), new("类型", "Kind"), 8),
        (nameof(EntryRow.Amount), new("积分", "Points"), 8),
        (nameof(EntryRow.Reason), new("事由", "Reason"), 40),
        (nameof(EntryRow.Source), new("来源", "Source"), 14),
    ];

    private static FigureRow Figures(string unit, PointsFigures f) => new()
    {
        Unit = unit,
        ActivitiesHeld = f.ActivitiesHeld,
        VolunteersActive = f.VolunteersActive,
        PointsIssued = f.PointsIssued,
        PointsRedeemed = f.PointsRedeemed,
        RedemptionValue = f.RedemptionValueFen / 100m,
    };

    /// <summary>An entry as read for sheet 2.</summary>
    public sealed record EntryQueryRow(long Id, DateTime CreatedUtc, string Volunteer, string Unit, EntryKind Kind, long Amount, string Reason, string SourceType, long? SourceId);

    /// <summary>A row of sheet 1. Public for MiniExcel, which reads the properties.</summary>
    public sealed class FigureRow
    {
        public string Unit { get; init; } = "";

        public long ActivitiesHeld { get; init; }

        public long VolunteersActive { get; init; }

        public long PointsIssued { get; init; }

        public long PointsRedeemed { get; init; }

        public decimal RedemptionValue { get; init; }
    }

    /// <summary>A row of sheet 2; its property names differ from sheet 1's, since the headers are set by name for both.</summary>
    public sealed class EntryRow
    {
        public string Time { get; init; } = "";

        public string Volunteer { get; init; } = "";

        public string EntryUnit { get; init; } = "";

        public string Kind { get; init; } = "";

        public long Amount { get; init; }

        public string Reason { get; init; } = "";

        public string Source { get; init; } = "";
    }
}
