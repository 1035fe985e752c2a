namespace GovPlatform.Contents.Rendering;

/// <summary>
/// The outcome of checking, saving or resetting a template override: the sample rendered with it, or the errors that
/// refused it (keyed <c>Name</c> or <c>Text</c>, in the reader's language; nothing is saved when there are errors).
/// </summary>
public sealed class ContentTemplateResult
{
    internal ContentTemplateResult(string? preview, IReadOnlyDictionary<string, string> errors, LiquidTemplateError? error)
    {
        Preview = preview;
        Errors = errors;
        Error = error;
    }

    /// <summary>The sample item (or page) rendered with the template, when it rendered.</summary>
    public string? Preview { get; }

    /// <summary>Why it was refused; empty when it succeeded.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }

    /// <summary>The template's error with its line and column when known, or null.</summary>
    public LiquidTemplateError? Error { get; }

    /// <summary>Whether the template was accepted.</summary>
    public bool Succeeded => Errors.Count == 0;

    internal static ContentTemplateResult Success(string? preview) => new(preview, new Dictionary<string, string>(), null);

    internal static ContentTemplateResult Failure(string key, string message) => new(null, new Dictionary<string, string> { [key] = message }, null);

    internal static ContentTemplateResult Failure(LiquidTemplateError error) => new(null, new Dictionary<string, string> { ["Text"] = error.ToString() }, error);
}
