using GovPlatform.Modules;

[assembly: Module("GovPlatform.Contents", "内容 Contents",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Content",
    Description = "Content types each tenant defines for itself (parts, fields, settings), content items with drafts, versions and scheduled publishing, media, Liquid templates for the public site, recipe steps and a JSON API.")]
[assembly: Feature("GovPlatform.Contents", "内容 Contents",
    Description = "Define content types, write and publish content items, upload media, and publish them on the public site through Liquid templates.")]
