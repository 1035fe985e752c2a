using GovPlatform.Data;

namespace GovPlatform.TestModules.Notes;

/// <summary>A document with a dynamic part (<see cref="Fields"/>), indexed by title and pinned.</summary>
[Document("test-note-card")]
public sealed class NoteCard
{
    public string Title { get; set; } = "";

    public bool Pinned { get; set; }

    public Dictionary<string, string> Fields { get; set; } = [];
}

public sealed class NoteCardIndex : DocumentIndex
{
    public string Title { get; set; } = "";

    public bool Pinned { get; set; }
}

[GovPlatform.Modules.ForFeature("Test.Notes")]
public sealed class NoteCardIndexProvider : IndexProvider<NoteCard, NoteCardIndex>
{
    public override IEnumerable<NoteCardIndex> Map(NoteCard document) => [new NoteCardIndex { Title = document.Title, Pinned = document.Pinned }];
}
