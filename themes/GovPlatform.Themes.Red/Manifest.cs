using GovPlatform.Modules;

[assembly: Module("GovPlatform.Themes.Red", "党建红主题 Party red theme",
    Version = "1.0.0",
    Author = "GovPlatform",
    Category = "Theme",
    Description = "A party-building public theme in red and gold, for districts whose sites lead with party building.")]
[assembly: Feature("GovPlatform.Themes.Red", "党建红主题 Party red theme",
    Category = "Theme",
    Description = "Lays out the public site in party-building red and gold, with a star emblem and the party-building slogan.",
    AlwaysEnabled = false)]
