namespace GovPlatform.Template.Tests;

/// <summary>
/// The template tests and the end-to-end test share one generated Acme.Parking (making it takes the better part of a
/// minute) and run one after the other, so that nothing builds or packs under another test.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TemplateCollection : ICollectionFixture<TemplateFixture>
{
    public const string Name = "Template";
}
