using System.Text.Json;
using GovPlatform.Calendars;
using GovPlatform.Recipes;

namespace GovPlatform.Core.Recipes;

/// <summary>
/// The built-in <c>calendar</c> step: sets the tenant's working calendar. Each of <c>workingDays</c>, <c>hours</c>,
/// <c>holidays</c> and <c>makeUpDays</c> that is present replaces the current one; one left out is kept.
/// </summary>
internal sealed class CalendarRecipeStep(IWorkingCalendarStore store) : IRecipeStep
{
    private static readonly string[] Known = ["name", "workingDays", "hours", "holidays", "makeUpDays"];

    public string Name => "calendar";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var step = context.Step;
        foreach (var property in step.EnumerateObject())
        {
            if (!Known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new RecipeStepException($"The 'calendar' step does not know \"{property.Name}\"; it takes workingDays, hours, holidays and makeUpDays.");
            }
        }

        var definition = await store.GetDefinitionAsync(cancellationToken);
        if (step.TryGetProperty("workingDays", out var workingDays))
        {
            definition.WorkingDays = [.. Items(workingDays, "workingDays").Select(WorkingDay)];
        }

        if (step.TryGetProperty("hours", out var hours))
        {
            definition.Hours = [.. Items(hours, "hours").Select(Period)];
        }

        if (step.TryGetProperty("holidays", out var holidays))
        {
            definition.Holidays = [.. Items(holidays, "holidays").Select(Day)];
        }

        if (step.TryGetProperty("makeUpDays", out var makeUpDays))
        {
            definition.MakeUpDays = [.. Items(makeUpDays, "makeUpDays").Select(Day)];
        }

        try
        {
            await store.SaveAsync(definition, cancellationToken);
        }
        catch (WorkingCalendarException ex)
        {
            throw new RecipeStepException("The 'calendar' step's calendar is not valid: " + string.Join(" ", ex.Errors.Select(e => e.English)), ex);
        }
    }

    private static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement array, string name)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeStepException($"The 'calendar' step's \"{name}\" must be an array.");
        }

        return array.EnumerateArray().Select((item, index) => (item, $"{name}[{index}]"));
    }

    private static DayOfWeek WorkingDay((JsonElement Item, string Path) entry) =>
        entry.Item.ValueKind == JsonValueKind.String && DayOfWeekListJsonConverter.TryParse(entry.Item.GetString(), out var day)
            ? day
            : throw new RecipeStepException($"The 'calendar' step's {entry.Path} is {entry.Item.GetRawText()}: a working day is a weekday name such as \"Monday\".");

    private static WorkingPeriod Period((JsonElement Item, string Path) entry)
    {
        if (entry.Item.ValueKind != JsonValueKind.Object)
        {
            throw new RecipeStepException($"The 'calendar' step's {entry.Path} must be an object {{\"start\": \"08:30\", \"end\": \"12:00\"}}.");
        }

        return new WorkingPeriod(Time(entry, "start"), Time(entry, "end"));
    }

    private static TimeOnly Time((JsonElement Item, string Path) entry, string name) =>
        entry.Item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && CalendarTimeJsonConverter.TryParse(value.GetString(), out var time)
            ? time
            : throw new RecipeStepException(
                $"The 'calendar' step's {entry.Path}.{name} is {(entry.Item.TryGetProperty(name, out var raw) ? raw.GetRawText() : "missing")}: a time is \"HH:mm\", e.g. \"08:30\".");

    private static CalendarDay Day((JsonElement Item, string Path) entry)
    {
        if (entry.Item.ValueKind != JsonValueKind.Object)
        {
            throw new RecipeStepException($"The 'calendar' step's {entry.Path} must be an object {{\"date\": \"2026-10-01\", \"name\": \"国庆节\"}}.");
        }

        if (!entry.Item.TryGetProperty("date", out var date) || date.ValueKind != JsonValueKind.String || !CalendarDateJsonConverter.TryParse(date.GetString(), out var day))
        {
            throw new RecipeStepException(
                $"The 'calendar' step's {entry.Path}.date is {(entry.Item.TryGetProperty("date", out var raw) ? raw.GetRawText() : "missing")}: a date is \"yyyy-MM-dd\", e.g. \"2026-10-01\".");
        }

        string? name = null;
        if (entry.Item.TryGetProperty("name", out var nameValue))
        {
            name = nameValue.ValueKind switch
            {
                JsonValueKind.String => nameValue.GetString(),
                JsonValueKind.Null => null,
                _ => throw new RecipeStepException($"The 'calendar' step's {entry.Path}.name must be a string."),
            };
        }

        return new CalendarDay(day, name);
    }
}
