namespace GovPlatform.Contents;

/// <summary>
/// The outcome of a change: the item (or type) as saved, or the errors that refused it, keyed by what they are about
/// (<c>Title</c>, <c>Slug</c>, <c>Fields.budget</c>, <c>Name</c>…), in the reader's language. Nothing is saved when
/// there are errors.
/// </summary>
public sealed class ContentResult<T>
    where T : class
{
    internal ContentResult(T? value, IReadOnlyDictionary<string, string> errors)
    {
        Value = value;
        Errors = errors;
    }

    /// <summary>What was saved, or null when refused.</summary>
    public T? Value { get; }

    /// <summary>Why it was refused; empty when it succeeded.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }

    /// <summary>Whether it was saved.</summary>
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Makes <see cref="ContentResult{T}"/> values.</summary>
public static class ContentResult
{
    /// <summary>A success.</summary>
    public static ContentResult<T> Success<T>(T value) where T : class => new(value, new Dictionary<string, string>());

    /// <summary>A refusal.</summary>
    public static ContentResult<T> Failure<T>(IReadOnlyDictionary<string, string> errors) where T : class =>
        errors.Count == 0 ? throw new ArgumentException("A refusal needs at least one error.", nameof(errors)) : new(null, errors);

    /// <summary>A refusal with one error.</summary>
    public static ContentResult<T> Failure<T>(string key, string message) where T : class => new(null, new Dictionary<string, string> { [key] = message });
}
