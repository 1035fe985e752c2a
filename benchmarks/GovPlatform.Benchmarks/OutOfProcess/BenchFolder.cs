using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GovPlatform.Benchmarks.OutOfProcess;

/// <summary>
/// A temporary folder with a copy of the repository's <c>tenants/</c> (Zhanqian's recipe also enables Bench.Ping) and an
/// empty <c>App_Data/</c>: a host started over it seeds the tenants and sets Zhanqian up on its first request.
/// </summary>
public sealed class BenchFolder : IDisposable
{
    // Folders not disposed yet, deleted if the runner is stopped before it disposed them.
    private static readonly ConcurrentDictionary<BenchFolder, byte> Live = new();

    static BenchFolder() => EarlyExit.Register(() =>
    {
        foreach (var folder in Live.Keys)
        {
            try
            {
                Directory.Delete(folder.Root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    });

    private BenchFolder(string root)
    {
        Root = root;
        Live[this] = 0;
    }

    public string Root { get; }

    public string DataRoot => Path.Combine(Root, "App_Data");

    public string TenantsPath => Path.Combine(Root, "tenants");

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static BenchFolder Create()
    {
        var folder = new BenchFolder(Path.Combine(Path.GetTempPath(), "govplatform-bench", "oop-" + Guid.NewGuid().ToString("N")));
        try
        {
            var source = Path.Combine(BenchApps.RepositoryRoot, "tenants");
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder.TenantsPath, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            Directory.CreateDirectory(folder.DataRoot);
            EnablePing(Path.Combine(folder.TenantsPath, "zhanqian", "recipe.json"));
            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Live.TryRemove(this, out _);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(Root))
                {
                    Directory.Delete(Root, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException) when (attempt < 5)
            {
                Thread.Sleep(200);
            }
        }
    }

    // Adds "Bench.Ping" to the recipe's features step, so that /zhanqian/ping answers once the recipe has run.
    private static void EnablePing(string recipePath)
    {
        var recipe = JsonNode.Parse(
            File.ReadAllText(recipePath),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            ?? throw new InvalidOperationException($"{recipePath} is empty.");
        var features = recipe["steps"]?.AsArray().FirstOrDefault(s => (string?)s?["name"] == "features")
            ?? throw new InvalidOperationException($"{recipePath} has no features step.");
        var enable = features["enable"]?.AsArray() ?? throw new InvalidOperationException($"{recipePath}: the features step enables nothing.");
        enable.Add("Bench.Ping");
        File.WriteAllText(recipePath, recipe.ToJsonString(Indented));
    }
}
