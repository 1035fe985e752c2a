using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Services;
using GovPlatform.Tenants;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace GovPlatform.Petitions.Ledger;

/// <summary>
/// The ledger as an Excel workbook: sheet 1 (台账) one row per petition of the selection, sheet 2 (统计) the figures.
/// The petitions are read as the workbook is written, one row at a time, so a selection of 100,000 petitions never sits
/// in memory; the caller gives a seekable stream (a temporary file), since the server refuses synchronous writes to a
/// response and the workbook's zip is written synchronously.
/// </summary>
internal sealed class LedgerExport(TenantDbContext db, PetitionCatalogCache catalogs, IGridDirectory grid, ITenant tenant)
{
    /// <summary>Excel's last row, less the header.</summary>
    public const int MaxRows = 1_048_575;

    public static string FileName(LedgerRequest request) =>
        $"petition-ledger-{LedgerForm.Iso(request.From)}-{LedgerForm.Iso(request.To)}.xlsx";

    /// <summary>Writes the workbook of <paramref name="selection"/> (whose figures are <paramref name="report"/>) to <paramref name="stream"/>.</summary>
    /// <param name="stream">Where the workbook goes.</param>
    /// <param name="selection">The petitions.</param>
    /// <param name="report">Their figures, for the second sheet.</param>
    /// <param name="showPhone">Whether the reader may see citizens' phone numbers in full; else they are masked.</param>
    /// <param name="culture">The headers' and names' language.</param>
    /// <param name="cancellationToken">Stops the export.</param>
    public async Task WriteAsync(Stream stream, LedgerSelection selection, LedgerReport report, bool showPhone, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(report);
        var english = culture.TwoLetterISOLanguageName == "en";
        string T(BilingualText text) => english ? text.English : text.Chinese;
        var catalog = await catalogs.GetAsync(db, cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);

        // The grid's snapshot is loaded for this request now, so the lookups while rows stream are in memory only
        // (no second command on the connection the rows are read from).
        _ = await grid.GetLevelsAsync(cancellationToken);
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        string Unit(string? code)
        {
            if (code is null)
            {
                return "";
            }

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

        var now = report.AtUtc;
        var rows = selection.Query
            .OrderBy(p => p.ReceivedUtc).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.TrackingNumber,
                p.ReceivedUtc,
                p.Channel,
                p.CategoryCode,
                p.GridUnitCode,
                p.ContactName,
                p.ContactPhone,
                p.Description,
                p.Stage,
                p.HandlingUnitCode,
                p.HandlingDepartment,
                p.DueUtc,
                p.CompletedUtc,
                p.Satisfaction,
                p.Resolved,
                p.ClosedUtc,
            })
            .AsEnumerable()
            .Select(p => new LedgerRow
            {
                TrackingNumber = p.TrackingNumber,
                Received = Local(p.ReceivedUtc),
                Channel = T(PetitionNames.Channel(p.Channel)),
                Category = catalog.NameOf(p.CategoryCode, culture),
                Unit = Unit(p.GridUnitCode ?? p.HandlingUnitCode),
                ContactName = p.ContactName ?? "",
                ContactPhone = showPhone ? p.ContactPhone : Mask(p.ContactPhone),
                Description = p.Description,
                Stage = T(PetitionNames.Stage(p.Stage)),
                HandlingUnit = p.HandlingDepartment is { } department
                    ? $"{Unit(p.HandlingUnitCode)} / {catalog.DepartmentName(department, culture)}".TrimStart(' ', '/')
                    : Unit(p.HandlingUnitCode),
                Due = Local(p.DueUtc),
                Completed = p.Stage is PetitionStage.Rejected or PetitionStage.Merged ? "" : Local(p.CompletedUtc),
                OnTime = p.Stage is PetitionStage.Rejected or PetitionStage.Merged || p.DueUtc is not { } due ? ""
                    : p.CompletedUtc is { } completed ? T(completed <= due ? OnTimeText : OverdueText)
                    : due < now ? T(OverdueText) : "",
                Satisfaction = p.Satisfaction,
                Resolved = p.Satisfaction is null || p.Resolved is not { } resolved ? "" : T(resolved ? Yes : No),
                Closed = Local(p.ClosedUtc),
            });

        var figures = report.Groups
            .Select(g => Figures(T(g.Name), g.Figures))
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

    /// <summary>A phone number with its middle hidden: <c>139****5678</c>.</summary>
    internal static string Mask(string phone) => phone.Length >= 7 ? $"{phone[..3]}****{phone[^4..]}" : new string('*', phone.Length);

    private static readonly BilingualText OnTimeText = new("按期", "On time");
    private static readonly BilingualText OverdueText = new("超期", "Overdue");
    private static readonly BilingualText Yes = new("是", "Yes");
    private static readonly BilingualText No = new("否", "No");

    /// <summary>Every column of both sheets: the row property, its header, its width.</summary>
    private static readonly (string Property, BilingualText Header, double Width)[] Columns =
    [
        (nameof(LedgerRow.TrackingNumber), new("诉求编号", "Tracking number"), 18),
        (nameof(LedgerRow.Received), new("受理时间", "Received"), 17),
        (nameof(LedgerRow.Channel), new("来源渠道", "Channel"), 10),
        (nameof(LedgerRow.Category), new("诉求类别", "Category"), 24),
        (nameof(LedgerRow.Unit), new("所在网格", "Unit"), 14),
        (nameof(LedgerRow.ContactName), new("联系人", "Contact name"), 10),
        (nameof(LedgerRow.ContactPhone), new("联系电话", "Phone"), 14),
        (nameof(LedgerRow.Description), new("诉求内容", "Description"), 50),
        (nameof(LedgerRow.Stage), new("办理环节", "Stage"), 10),
        (nameof(LedgerRow.HandlingUnit), new("承办单位", "Handling unit"), 18),
        (nameof(LedgerRow.Due), new("办理时限", "Due"), 17),
        (nameof(LedgerRow.Completed), new("办结时间", "Completed"), 17),
        (nameof(LedgerRow.OnTime), new("是否按期", "On time"), 9),
        (nameof(LedgerRow.Satisfaction), new("满意度", "Satisfaction"), 8),
        (nameof(LedgerRow.Resolved), new("是否解决", "Resolved"), 9),
        (nameof(LedgerRow.Closed), new("结案时间", "Closed"), 17),
        (nameof(LedgerFigureRow.Group), new("分组", "Group"), 24),
        (nameof(LedgerFigureRow.Received2), new("受理数", "Received"), 9),
        (nameof(LedgerFigureRow.Evaluated), new("评价结案数", "Closed (evaluated)"), 11),
        (nameof(LedgerFigureRow.Completed2), new("办结数", "Completed"), 9),
        (nameof(LedgerFigureRow.OnTime2), new("按期办结数", "On time"), 11),
        (nameof(LedgerFigureRow.Overdue), new("超期数", "Overdue"), 9),
        (nameof(LedgerFigureRow.Open), new("在办数", "Open"), 9),
        (nameof(LedgerFigureRow.OnTimeRate), new("按期办结率", "On-time rate"), 11),
        (nameof(LedgerFigureRow.SatisfactionRate), new("满意率", "Satisfaction rate"), 11),
        (nameof(LedgerFigureRow.AverageSatisfaction), new("平均满意度", "Average satisfaction"), 11),
        (nameof(LedgerFigureRow.ResolutionRate), new("解决率", "Resolution rate"), 11),
        (nameof(LedgerFigureRow.Rejected), new("不予受理数", "Rejected"), 11),
        (nameof(LedgerFigureRow.Merged), new("合并数", "Merged"), 9),
    ];

    private static LedgerFigureRow Figures(string group, LedgerFigures f) => new()
    {
        Group = group,
        Received2 = f.Received,
        Evaluated = f.Evaluated,
        Completed2 = f.Completed,
        OnTime2 = f.OnTime,
        Overdue = f.Overdue,
        Open = f.Open,
        OnTimeRate = f.OnTimeRate.ToString(),
        SatisfactionRate = f.SatisfactionRate.ToString(),
        AverageSatisfaction = f.AverageText,
        ResolutionRate = f.ResolutionRate.ToString(),
        Rejected = f.Rejected,
        Merged = f.Merged,
    };

    /// <summary>A petition's row of sheet 1. Public for MiniExcel, which reads the properties.</summary>
    public sealed class LedgerRow
    {
        public string TrackingNumber { get; init; } = "";

        public string Received { get; init; } = "";

        public string Channel { get; init; } = "";

        public string Category { get; init; } = "";

        public string Unit { get; init; } = "";

        public string ContactName { get; init; } = "";

        public string ContactPhone { get; init; } = "";

        public string Description { get; init; } = "";

        public string Stage { get; init; } = "";

        public string HandlingUnit { get; init; } = "";

        public string Due { get; init; } = "";

        public string Completed { get; init; } = "";

        public string OnTime { get; init; } = "";

        public int? Satisfaction { get; init; }

        public string Resolved { get; init; } = "";

        public string Closed { get; init; } = "";
    }

    /// <summary>A group's row of sheet 2. Its property names differ from sheet 1's, since the headers are set by name for both.</summary>
    public sealed class LedgerFigureRow
    {
        public string Group { get; init; } = "";

        public long Received2 { get; init; }

        public long Evaluated { get; init; }

        public long Completed2 { get; init; }

        public long OnTime2 { get; init; }

        public long Overdue { get; init; }

        public long Open { get; init; }

        public string OnTimeRate { get; init; } = "";

        public string SatisfactionRate { get; init; } = "";

        public string AverageSatisfaction { get; init; } = "";

        public string ResolutionRate { get; init; } = "";

        public long Rejected { get; init; }

        public long Merged { get; init; }
    }
}
