using GovPlatform.Localization;

namespace GovPlatform.Contents.Rendering;

/// <summary>A Liquid template that could not be parsed or failed while rendering (an error, or a sandbox limit reached).</summary>
public sealed class LiquidTemplateException : Exception
{
    /// <summary>A failure with its error.</summary>
    public LiquidTemplateException(LiquidTemplateError error, Exception? innerException = null)
        : base(error?.Message.English, innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>A failure with a message.</summary>
    public LiquidTemplateException()
        : this(new LiquidTemplateError(new BilingualText("模板出错。", "The template failed.")))
    {
    }

    /// <summary>A failure with a message.</summary>
    public LiquidTemplateException(string message)
        : this(new LiquidTemplateError(new BilingualText(message, message)))
    {
    }

    /// <summary>A failure with a message and its cause.</summary>
    public LiquidTemplateException(string message, Exception innerException)
        : this(new LiquidTemplateError(new BilingualText(message, message)), innerException)
    {
    }

    /// <summary>What went wrong and where.</summary>
    public LiquidTemplateError Error { get; }
}
