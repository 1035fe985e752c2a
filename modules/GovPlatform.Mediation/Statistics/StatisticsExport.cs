using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Services;
using GovPlatform.Tenants;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace GovPlatform.Mediation.Statistics;

/// <summary>
/// The dispute ledger as an Excel workbook: sheet 1 (台账) one row per dispute of the selection, sheet 2 (统计) the
/// figures as the page shows them. Privacy: the rows carry no party's name, phone or identity number, nor the
/// description or the closing note (both may name parties) — only numbers, kinds, states, units, bodies and mediators.
/// The disputes are read as the workbook is written, one row at a time; the caller gives a seekable stream (a temporary
/// file), since the workbook's zip is written synchronously and the server refuses synchronous writes to a response.
/// </summary>
internal sealed class StatisticsExport(TenantDbContext db, IGridDirectory grid, ITenant tenant)
{
    /// <summary>Excel's last row, less the header.</summary>
    public const int MaxRows = 1_048_575;

    public static string FileName(StatisticsRequest request) =>
        $"mediation-ledger-{StatisticsForm.Iso(request.From)}-{StatisticsForm.Iso(request.To)}.xlsx";

    /// <summary>Writes the workbook of <paramref name="selection"/> (whose figures are <paramref name="report"/>) to <paramref name="stream"/>.</summary>
    public async Task WriteAsync(Stream stream, StatisticsSelection selection, StatisticsReport report, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(culture);
        var english = culture.TwoLetterISOLanguageName == "en";
        string T(BilingualText text) => english ? text.English : text.Chinese;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);

        // Names of bodies and mediators (short tables) and the grid are read now, so that while rows stream nothing
        // else is asked of the connection they are read from.
        var bodies = await db.Set<MediationBody>().AsNoTracking()
            .ToDictionaryAsync(b => b.Id, b => english && b.EnglishName is { Length: > 0 } e ? e : b.Name, cancellationToken);
        var mediators = await db.Set<Mediator>().AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
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

        string Local(DateTime? utc) => utc is { } value
            ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : "";

        const SessionStatus held = SessionStatus.Held;
        var sessions = db.Set<MediationSession>();
        var rows = selection.Query
            .OrderBy(d => d.RegisteredUtc).ThenBy(d => d.Id)
            .Select(d => new
            {
                d.Number,
                d.RegisteredUtc,
                d.Type,
                d.Source,
                d.Risk,
                d.Status,
                d.GridUnitCode,
                d.HandlingUnitCode,
                d.BodyId,
                d.MediatorId,
                Sessions = sessions.Count(s => s.DisputeId == d.Id && s.Status == held),
                d.ClosedUtc,
                d.FailedReferral,
                d.PetitionNumber,
            })
            .AsEnumerable()
            .Select(d => new DisputeRow
            {
                Number = d.Number,
                Registered = Local(d.RegisteredUtc),
                Type = T(MediationNames.Type(d.Type)),
                Source = T(MediationNames.Source(d.Source)),
                Risk = T(MediationNames.Risk(d.Risk)),
                Status = T(MediationNames.Status(d.Status)),
                Unit = Unit(d.GridUnitCode),
                HandlingUnit = Unit(d.HandlingUnitCode),
                Body = d.BodyId is { } body && bodies.TryGetValue(body, out var bodyName) ? bodyName : "",
                Mediator = d.MediatorId is { } mediator && mediators.TryGetValue(mediator, out var mediatorName) ? mediatorName : "",
                Sessions = d.Sessions,
                Closed = Local(d.ClosedUtc),
                Outcome = d.Status is DisputeStatus.Settled or DisputeStatus.Failed or DisputeStatus.Withdrawn ? T(MediationNames.Status(d.Status)) : "",
                Referral = d.Status == DisputeStatus.Failed && d.FailedReferral != FailedReferral.None ? T(MediationNames.Referral(d.FailedReferral)) : "",
                PetitionNumber = d.PetitionNumber ?? "",
            });

        var figures = report.Rows
            .Select(r => Figures(T(r.Name), r.Figures))
            .Append(Figures(T(new("合计", "Total")), report.Total));
        var sheets = new Dictionary<string, object>
        {
            [T(new("台账", "Ledger"))] = rows,
            [T(new("统计", "Statistics"))] = figures,
        };
        var configuration = new OpenXmlConfiguration
        {
            DynamicColumns = [.. Columns.Select(c => new DynamicExcelColumn(c.Property) { Name = T(c.Header), Width = c.Width })],
        };
        await stream.SaveAsAsync(sheets, configuration: configuration, cancellationToken: cancellationToken);
    }

    /// <summary>Every column of both sheets: the row property, its header, its width.</summary>
    private static readonly (string Property, BilingualText Header, double Width)[] Columns =
    [
        (nameof(DisputeRow.Number), new("纠纷编号", "Number"), 18),
        (nameof(DisputeRow.Registered), new("登记时间", "Registered"), 17),
        (nameof(DisputeRow.Type), new("纠纷类型", "Type"), 14),
        (nameof(DisputeRow.Source), new("来源", "Source"), 10),
        (nameof(DisputeRow.Risk), new("风险等级", "Risk"), 8),
        (nameof(DisputeRow.Status), new("状态", "Status"), 10),
        (nameof(DisputeRow.Unit), new("所在网格", "Unit"), 14),
        (nameof(DisputeRow.HandlingUnit), new("承办单位", "Handling unit"), 14),
        (nameof(DisputeRow.Body), new("调解组织", "Body"), 24),
        (nameof(DisputeRow.Mediator), new("主调解员", "Lead mediator"), 10),
        (nameof(DisputeRow.Sessions), new("调解次数", "Sessions held"), 9),
        (nameof(DisputeRow.Closed), new("结案时间", "Closed"), 17),
        (nameof(DisputeRow.Outcome), new("结果", "Outcome"), 10),
        (nameof(DisputeRow.Referral), new("调解不成去向", "Referred to"), 12),
        (nameof(DisputeRow.PetitionNumber), new("诉求编号", "Petition number"), 18),
        (nameof(FigureRow.Group), new("分组", "Group"), 28),
        (nameof(FigureRow.Found), new("排查发现数", "Found"), 10),
        (nameof(FigureRow.Mediated), new("调解数", "Mediated"), 9),
        (nameof(FigureRow.Settled), new("调解成功数", "Settled"), 10),
        (nameof(FigureRow.Failed), new("调解不成数", "Not settled"), 10),
        (nameof(FigureRow.SettlementRate), new("调解成功率", "Settlement rate"), 11),
        (nameof(FigureRow.Withdrawn), new("撤回数", "Withdrawn"), 9),
        (nameof(FigureRow.Open), new("期末在办数", "Open at end"), 10),
        (nameof(FigureRow.HighRisk), new("重大风险数", "High risk"), 10),
        (nameof(FigureRow.Escalated), new("上报数", "Escalated"), 9),
    ];

    private static FigureRow Figures(string group, MediationFigures f) => new()
    {
        Group = group,
        Found = f.Found,
        Mediated = f.Mediated,
        Settled = f.Settled,
        Failed = f.Failed,
        SettlementRate = f.SettlementRateText,
        Withdrawn = f.Withdrawn,
        Open = f.Open,
        HighRisk = f.HighRisk,
        Escalated = f.Escalated,
    };

    /// <summary>A dispute's row of sheet 1. Public for MiniExcel, which reads the properties.</summary>
    public sealed class DisputeRow
    {
        public string Number { get; init; } = "";

        public string Registered { get; init; } = "";

        public string Type { get; init; } = "";

        public string Source { get; init; } = "";

        public string Risk { get; init; } = "";

        public string Status { get; init; } = "";

        public string Unit { get; init; } = "";

        public string HandlingUnit { get; init; } = "";

        public string Body { get; init; } = "";

        public string Mediator { get; init; } = "";

        public int Sessions { get; init; }

        public string Closed { get; init; } = "";

        public string Outcome { get; init; } = "";

        public string Referral { get; init; } = "";

        public string PetitionNumber { get; init; } = "";
    }

    /// <summary>A row of sheet 2; its property names differ from sheet 1's, since the headers are set by name for both.</summary>
    public sealed class FigureRow
    {
        public string Group { get; init; } = "";

        public long Found { get; init; }

        public long Mediated { get; init; }

        public long Settled { get; init; }

        public long Failed { get; init; }

        public string SettlementRate { get; init; } = "";

        public long Withdrawn { get; init; }

        public long Open { get; init; }

        public long HighRisk { get; init; }

        public long Escalated { get; init; }
    }
}
