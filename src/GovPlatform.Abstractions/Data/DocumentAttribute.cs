namespace GovPlatform.Data;

/// <summary>Names a document type in storage; without it the CLR type's name is used. Keep it stable.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DocumentAttribute(string type) : Attribute
{
    /// <summary>The stored type name.</summary>
    public string Type { get; } = type;
}
