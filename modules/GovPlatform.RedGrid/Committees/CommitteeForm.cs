using System.Globalization;

namespace GovPlatform.RedGrid.Committees;

/// <summary>The committee editor's form, as posted: the seats as parallel lists, one entry per row; blank rows are dropped.</summary>
public sealed class CommitteeForm
{
    public string? Kind { get; set; }

    public string? Name { get; set; }

    public string? GridUnit { get; set; }

    public string? TermStartsOn { get; set; }

    public string? TermEndsOn { get; set; }

    public List<string?>? SeatOrganisation { get; set; } = [];

    public List<string?>? SeatResidentUnit { get; set; } = [];

    public List<string?>? SeatRepresentative { get; set; } = [];

    public List<string?>? SeatRole { get; set; } = [];

    public List<string?>? SeatStartsOn { get; set; } = [];

    public List<string?>? SeatEndsOn { get; set; } = [];

    /// <summary>The version the editor was opened at (0 for a new committee).</summary>
    public int Version { get; set; }

    /// <summary>The rows with anything typed in them.</summary>
    public List<SeatInput> Seats()
    {
        static string? At(List<string?>? list, int i) => list is not null && i < list.Count ? list[i] : null;
        var seats = new List<SeatInput>();
        var rows = new[] { SeatOrganisation, SeatRepresentative, SeatRole }.Max(l => l?.Count ?? 0);
        for (var i = 0; i < rows; i++)
        {
            var organisation = At(SeatOrganisation, i);
            var representative = At(SeatRepresentative, i);
            if (string.IsNullOrWhiteSpace(organisation) && string.IsNullOrWhiteSpace(representative))
            {
                continue;
            }

            seats.Add(new SeatInput(organisation ?? "", long.TryParse(At(SeatResidentUnit, i), NumberStyles.None, CultureInfo.InvariantCulture, out var unit) ? unit : null,
                representative ?? "", At(SeatRole, i) ?? "", At(SeatStartsOn, i), At(SeatEndsOn, i)));
        }

        return seats;
    }

    public CommitteeInput ToInput() => new(Kind ?? "", Name ?? "", GridUnit ?? "", TermStartsOn, TermEndsOn, Seats());

    public static CommitteeForm From(CommitteeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new()
        {
            Kind = input.Kind,
            Name = input.Name,
            GridUnit = input.GridUnit,
            TermStartsOn = input.TermStartsOn,
            TermEndsOn = input.TermEndsOn,
            SeatOrganisation = [.. input.Seats.Select(s => s.OrganisationName)],
            SeatResidentUnit = [.. input.Seats.Select(s => s.ResidentUnitId?.ToString(CultureInfo.InvariantCulture))],
            SeatRepresentative = [.. input.Seats.Select(s => s.Representative)],
            SeatRole = [.. input.Seats.Select(s => s.Role)],
            SeatStartsOn = [.. input.Seats.Select(s => s.StartsOn)],
            SeatEndsOn = [.. input.Seats.Select(s => s.EndsOn)],
        };
    }
}
