using System.Text.Json.Nodes;

namespace GovPlatform.Auditing;

/// <summary>
/// One change to record. The audit log adds who (the signed-in user), when (UTC) and from where (the client address).
/// </summary>
/// <param name="Category">What kind of thing changed: <c>features</c>, <c>settings</c>, <c>users</c>, <c>roles</c>, or a module's own.</param>
/// <param name="Action">What was done: <c>enable</c>, <c>update</c>, <c>sign-in-failed</c>…</param>
/// <param name="Subject">What it was done to: a feature id, a user name, a petition number.</param>
/// <param name="Summary">One line for people.</param>
/// <param name="Before">The state before, for settings and permissions.</param>
/// <param name="After">The state after.</param>
public sealed record AuditEvent(string Category, string Action, string? Subject = null, string? Summary = null, JsonNode? Before = null, JsonNode? After = null);
