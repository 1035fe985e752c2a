using System.Text.Json;

namespace GovPlatform.Recipes;

/// <summary>
/// A data step's input: the step itself and, when it names a <c>file</c> (relative to the recipe), that JSON file too —
/// the form of the modules' data steps (<c>legalaid</c>, <c>redgrid</c>…). Dispose it when the step is done.
/// </summary>
public sealed class RecipeStepInput : IDisposable
{
    private readonly JsonDocument? _file;

    private RecipeStepInput(string label, IReadOnlyList<JsonElement> sources, JsonDocument? file)
    {
        Label = label;
        Sources = sources;
        _file = file;
    }

    /// <summary>What error messages start with: <c>Step 3 (legalaid), legalaid.json</c>.</summary>
    public string Label { get; }

    /// <summary>The step, then the file's root when there is one: read both, the file's entries after the step's.</summary>
    public IReadOnlyList<JsonElement> Sources { get; }

    /// <summary>Reads the step and its file; a file that cannot be read or parsed fails the step with the reason.</summary>
    public static async Task<RecipeStepInput> LoadAsync(RecipeStepContext context, string stepName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var label = $"Step {context.StepIndex + 1} ({stepName})";
        if (!context.Step.TryGetProperty("file", out var name) || name.GetString() is not { Length: > 0 } path)
        {
            return new RecipeStepInput(label, [context.Step], null);
        }

        JsonDocument file;
        try
        {
            await using var stream = File.OpenRead(context.ResolveFile(path));
            file = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new RecipeStepException($"{label}: cannot read '{path}': {ex.Message}");
        }

        return new RecipeStepInput($"{label}, {path}", [context.Step, file.RootElement], file);
    }

    /// <summary>The list in <paramref name="property"/> of <paramref name="source"/> (empty when absent); a malformed one fails the step.</summary>
    public List<T> ReadList<T>(JsonElement source, string property, JsonSerializerOptions options)
    {
        if (!source.TryGetProperty(property, out var element))
        {
            return [];
        }

        try
        {
            return element.Deserialize<List<T>>(options) ?? [];
        }
        catch (JsonException ex)
        {
            throw new RecipeStepException($"{Label}: '{property}' is not valid: {ex.Message}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file?.Dispose();
}
