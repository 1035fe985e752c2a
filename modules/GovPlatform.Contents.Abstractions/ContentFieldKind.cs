namespace GovPlatform.Contents;

/// <summary>The kinds of field a content type can declare.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<ContentFieldKind>))]
public enum ContentFieldKind
{
    /// <summary>Plain text, one line or several.</summary>
    Text,

    /// <summary>A decimal number.</summary>
    Number,

    /// <summary>Yes or no.</summary>
    Boolean,

    /// <summary>A date, or a date and time (stored in UTC for date and time).</summary>
    DateTime,

    /// <summary>One or several values from a list of options.</summary>
    Choice,

    /// <summary>A web address (http or https) with an optional text.</summary>
    Link,

    /// <summary>Images or files from the tenant's media library.</summary>
    Media,

    /// <summary>Other content items of the tenant.</summary>
    ContentPicker,

    /// <summary>Grid units of the tenant.</summary>
    GridPicker,
}
