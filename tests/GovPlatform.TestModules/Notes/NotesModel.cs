using GovPlatform.Data;
using GovPlatform.Modules;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.TestModules.Notes;

[ForFeature("Test.Notes")]
public sealed class NotesModel : IDataModel
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>(note =>
        {
            note.ToTable("test_notes");
            note.Property(n => n.Amount).HasPrecision(18, 2);
        });
        modelBuilder.Entity<NoteCardIndex>().ToTable("test_note_card_index");
    }
}
