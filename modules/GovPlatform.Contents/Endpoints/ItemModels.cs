using System.Text.Json.Nodes;

namespace GovPlatform.Contents.Endpoints;

/// <summary>Where an item stands: whether (and which version) is public, whether a newer draft waits, when it is scheduled.</summary>
public sealed record ItemState(int? PublishedVersion, bool HasDraft, DateTime? ScheduledUtc)
{
    public ContentStatus Status => ScheduledUtc is not null ? ContentStatus.Scheduled : PublishedVersion is not null ? ContentStatus.Published : ContentStatus.Draft;
}

/// <summary>A pickable thing for the editor's lists: a grid unit or a content item.</summary>
public sealed record PickOption(string Value, string Text);

/// <summary>The items list page.</summary>
public sealed class ContentListModel
{
    public required IReadOnlyList<ContentTypeDefinition> Types { get; init; }

    public required ContentPage Page { get; init; }

    public required IReadOnlyDictionary<string, ItemState> States { get; init; }

    public string? Type { get; init; }

    public ContentStatus? Status { get; init; }

    public string? Query { get; init; }

    public bool CanEdit { get; init; }

    public bool CanPublish { get; init; }

    public bool CanDelete { get; init; }

    public string? Notice { get; init; }

    public IReadOnlyList<string> Errors { get; init; } = [];

    public required Func<DateTime, string> Time { get; init; }
}

/// <summary>The item editor.</summary>
public sealed class ContentEditModel
{
    public required ContentTypeDefinition Type { get; init; }

    public required ContentItem Item { get; init; }

    public bool IsNew { get; init; }

    public ItemState? State { get; init; }

    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public string? Notice { get; init; }

    public IReadOnlyList<PickOption> GridUnits { get; init; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<PickOption>> Picks { get; init; } = new Dictionary<string, IReadOnlyList<PickOption>>();

    public IReadOnlyList<PickOption> Media { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, JsonNode?>> RemovedFields { get; init; } = [];

    public bool CanPublish { get; init; }

    public bool CanDelete { get; init; }

    public required Func<DateTime, string> Time { get; init; }

    /// <summary>A UTC time as the tenant's local <c>yyyy-MM-ddTHH:mm</c>, for datetime-local inputs.</summary>
    public required Func<DateTime, string> LocalInput { get; init; }
}

/// <summary>An item's history.</summary>
public sealed class ContentVersionsModel
{
    public required ContentTypeDefinition? Type { get; init; }

    public required IReadOnlyList<ContentItem> Versions { get; init; }

    public ContentItem? Shown { get; init; }

    public string? ShownHtml { get; init; }

    public bool CanPublish { get; init; }

    public required Func<DateTime, string> Time { get; init; }
}
