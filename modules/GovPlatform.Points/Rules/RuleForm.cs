using System.Globalization;
using GovPlatform.Localization;
using GovPlatform.Points.Models;
using Microsoft.AspNetCore.Http;

namespace GovPlatform.Points.Rules;

/// <summary>
/// The rules editor as typed: the unit (empty for the tenant's own set), the version it was read at, the numbers as text
/// (so that a bad entry is shown back as typed), and the points per activity type (<c>Points.Patrol</c>; empty: the
/// default points apply).
/// </summary>
public sealed class RuleForm
{
    public string? Unit { get; set; }

    /// <summary>The version of the unit's own set when the form was read (0: it had none).</summary>
    public int Version { get; set; }

    public string? DefaultPoints { get; set; }

    public string? DailyCap { get; set; }

    public string? MonthlyCap { get; set; }

    public string? ExpiryMonths { get; set; }

    public bool AwardsNeedApproval { get; set; }

    /// <summary>Per type name, the points as typed (read from the posted <c>Points.{type}</c> fields).</summary>
    public Dictionary<string, string> PointsPerType { get; set; } = [];

    /// <summary>The unit code, or null for the tenant's set.</summary>
    public string? UnitCode => string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim();

    public static RuleForm From(string? unit, PointRuleSet rules, int version) => new()
    {
        Unit = unit,
        Version = version,
        DefaultPoints = Text(rules.DefaultPoints),
        DailyCap = Text(rules.DailyCap),
        MonthlyCap = Text(rules.MonthlyCap),
        ExpiryMonths = Text(rules.ExpiryMonths),
        AwardsNeedApproval = rules.AwardsNeedApproval,
        PointsPerType = rules.PointsPerType.ToDictionary(p => p.Key, p => Text(p.Value), StringComparer.Ordinal),
    };

    /// <summary>Fills <see cref="PointsPerType"/> from the posted fields (a form binder does not bind dictionaries of names).</summary>
    public void ReadTypes(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        PointsPerType = [];
        foreach (var type in Enum.GetValues<ActivityType>())
        {
            if (form[$"Points.{type}"].ToString().Trim() is { Length: > 0 } value)
            {
                PointsPerType[type.ToString()] = value;
            }
        }
    }

    /// <summary>The rule set the form asks for, or what is wrong by field (parsing, then <c>PointRules.Validate</c>).</summary>
    public (PointRuleSet Rules, Dictionary<string, BilingualText> Errors) Parse()
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var rules = new PointRuleSet
        {
            GridUnitCode = UnitCode,
            DefaultPoints = Integer(DefaultPoints, "defaultPoints", errors) ?? 0,
            DailyCap = Integer(DailyCap, "dailyCap", errors, 0) ?? 0,
            MonthlyCap = Integer(MonthlyCap, "monthlyCap", errors, 0) ?? 0,
            ExpiryMonths = Integer(ExpiryMonths, "expiryMonths", errors, 0) ?? 0,
            AwardsNeedApproval = AwardsNeedApproval,
        };
        foreach (var (type, text) in PointsPerType)
        {
            if (Integer(text, $"points.{type}", errors) is { } points)
            {
                rules.PointsPerType[type] = points;
            }
        }

        foreach (var (field, message) in Services.PointRules.Validate(rules))
        {
            errors.TryAdd(field, message);
        }

        return (rules, errors);
    }

    private static int? Integer(string? text, string field, Dictionary<string, BilingualText> errors, int? empty = null)
    {
        if (string.IsNullOrWhiteSpace(text) && empty is { } value)
        {
            return value;
        }

        if (int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors[field] = new("请填写整数。", "Enter a whole number.");
        return null;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
