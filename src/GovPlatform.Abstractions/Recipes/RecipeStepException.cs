namespace GovPlatform.Recipes;

/// <summary>Thrown by a recipe step whose data is wrong; its message is shown to the administrator.</summary>
public sealed class RecipeStepException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public RecipeStepException()
    {
    }

    /// <summary>Creates the exception with a message for the administrator.</summary>
    public RecipeStepException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RecipeStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
