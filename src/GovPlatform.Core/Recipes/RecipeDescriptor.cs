using System.Text.Json.Nodes;

namespace GovPlatform.Core.Recipes;

/// <summary>A recipe file: its name, where it is, and its steps.</summary>
public sealed record RecipeDescriptor(string Name, string DisplayName, string Description, string Path, JsonArray Steps);
