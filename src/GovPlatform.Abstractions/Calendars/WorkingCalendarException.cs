using GovPlatform.Localization;

namespace GovPlatform.Calendars;

/// <summary>A working calendar definition was refused; <see cref="Errors"/> says why, in both languages.</summary>
public sealed class WorkingCalendarException : Exception
{
    /// <summary>A refusal with the given reasons.</summary>
    public WorkingCalendarException(IReadOnlyList<BilingualText> errors)
        : base("The working calendar is not valid: " + string.Join(" ", (errors ?? []).Select(e => e.English)))
    {
        Errors = errors ?? [];
    }

    /// <summary>A refusal without reasons (for serialisers and tests).</summary>
    public WorkingCalendarException()
        : this([])
    {
    }

    /// <summary>A refusal with one English message.</summary>
    public WorkingCalendarException(string message)
        : base(message)
    {
        Errors = [new BilingualText(message, message)];
    }

    /// <summary>A refusal with one English message and its cause.</summary>
    public WorkingCalendarException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new BilingualText(message, message)];
    }

    /// <summary>Why the definition was refused.</summary>
    public IReadOnlyList<BilingualText> Errors { get; }
}
