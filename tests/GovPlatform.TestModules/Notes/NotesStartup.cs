using GovPlatform.Data;
using GovPlatform.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.TestModules.Notes;

/// <summary>Endpoints that write and read the tenant's data the way a real module does.</summary>
[ForFeature("Test.Notes")]
public sealed class NotesStartup : ModuleStartup
{
    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        var notes = endpoints.MapGroup("/notes").DisableAntiforgery();

        // One save writes the entity, the document and its index row, in one transaction.
        notes.MapPost("/", async (NoteInput input, TenantDbContext db, IDocumentStore documents, TimeProvider clock, CancellationToken ct) =>
        {
            var note = new Note
            {
                Title = input.Title,
                Body = input.Body,
                Pinned = input.Pinned,
                Score = input.Score,
                Amount = input.Amount,
                Reference = input.Reference ?? Guid.NewGuid(),
                CreatedUtc = input.CreatedUtc ?? clock.GetUtcNow().UtcDateTime,
                ParentId = input.ParentId,
                Tag = input.Tag,
            };
            db.Add(note);
            var cardId = $"note-{note.Reference:N}";
            await documents.SaveAsync(cardId, new NoteCard { Title = note.Title, Pinned = note.Pinned, Fields = input.Fields ?? [] }, ct);
            await db.SaveChangesAsync(ct);
            return Results.Ok(new { note.Id, cardId });
        });

        // Writes an entity and a document, then fails: the transaction leaves nothing behind.
        notes.MapPost("/failing", async (NoteInput input, TenantDbContext db, IDocumentStore documents, CancellationToken ct) =>
        {
            await db.InTransactionAsync<int>(async token =>
            {
                db.Add(new Note { Title = input.Title, Reference = Guid.NewGuid(), CreatedUtc = DateTime.UtcNow });
                await documents.SaveAsync("failing", new NoteCard { Title = input.Title }, token);
                await db.SaveChangesAsync(token);
                throw new InvalidOperationException("Failed after writing.");
            }, ct);
            return Results.Ok();
        });

        notes.MapGet("/", async (TenantDbContext db, CancellationToken ct) =>
            Results.Ok(await db.Set<Note>().OrderBy(n => n.Id).ToListAsync(ct)));

        notes.MapGet("/count", async (TenantDbContext db, CancellationToken ct) =>
            Results.Ok(new { notes = await db.Set<Note>().CountAsync(ct), documents = await db.Documents.CountAsync(d => d.Type == "test-note-card", ct) }));

        notes.MapGet("/cards", async (bool? pinned, string? title, IDocumentStore documents, CancellationToken ct) =>
            Results.Ok(await documents.QueryAsync<NoteCard, NoteCardIndex>(q =>
            {
                if (pinned is not null)
                {
                    q = q.Where(i => i.Pinned == pinned);
                }

                if (title is not null)
                {
                    q = q.Where(i => i.Title == title);
                }

                return q.OrderBy(i => i.Title);
            }, ct)));

        notes.MapGet("/cards/{id}", async (string id, IDocumentStore documents, CancellationToken ct) =>
            await documents.GetAsync<NoteCard>(id, ct) is { } card ? Results.Ok(card) : Results.NotFound());

        notes.MapPut("/cards/{id}", async (string id, NoteCard card, int? expectedVersion, TenantDbContext db, IDocumentStore documents, CancellationToken ct) =>
        {
            if (expectedVersion is not null && await documents.GetVersionAsync<NoteCard>(id, ct) != expectedVersion)
            {
                return Results.Conflict();
            }

            await documents.SaveAsync(id, card, ct);
            await db.SaveChangesAsync(ct);
            return Results.Ok(new { version = await documents.GetVersionAsync<NoteCard>(id, ct) });
        });

        notes.MapDelete("/cards/{id}", async (string id, TenantDbContext db, IDocumentStore documents, CancellationToken ct) =>
        {
            var deleted = await documents.DeleteAsync<NoteCard>(id, ct);
            await db.SaveChangesAsync(ct);
            return deleted ? Results.NoContent() : Results.NotFound();
        });
    }
}

public sealed record NoteInput(
    string Title, string? Body = null, bool Pinned = false, int Score = 0, decimal Amount = 0, Guid? Reference = null,
    DateTime? CreatedUtc = null, long? ParentId = null, string? Tag = null, Dictionary<string, string>? Fields = null);
