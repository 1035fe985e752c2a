using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Core.Packages;

/// <summary>
/// Installs the <c>.nupkg</c> files dropped into <c>{DataRoot}/Packages/Drop/</c>: a file watcher and a periodic scan
/// notice them, a file is taken once its size and time held between two looks (it is no longer being copied), and it
/// is moved to <c>Drop/installed/</c> or <c>Drop/refused/</c> with a <c>.txt</c> beside it giving the outcome.
/// </summary>
public sealed class PackageDropFolder(ModulePackages packages, PackageAudit audit, ILogger<PackageDropFolder> logger) : BackgroundService
{
    /// <summary>Who a dropped package's install and audit entries name.</summary>
    public const string By = "drop folder";

    private readonly Dictionary<string, (long Length, DateTime Written)> _seen = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!packages.Options.WatchDropFolder)
        {
            return;
        }

        Directory.CreateDirectory(packages.DropPath);
        using var signal = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(packages.DropPath, "*.nupkg") { IncludeSubdirectories = false };
        void Wake(object? sender, FileSystemEventArgs e)
        {
            if (signal.CurrentCount == 0)
            {
                signal.Release();
            }
        }

        watcher.Created += Wake;
        watcher.Changed += Wake;
        watcher.Renamed += (sender, e) => Wake(sender, e);
        watcher.EnableRaisingEvents = true;
        var interval = packages.Options.DropScanInterval > TimeSpan.Zero ? packages.Options.DropScanInterval : TimeSpan.FromSeconds(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Scanning the package drop folder failed");
            }

            try
            {
                // A watcher event shortens the wait; the stability check still needs the next look.
                await signal.WaitAsync(interval, stoppingToken);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(500, interval.TotalMilliseconds)), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        var files = Directory.Exists(packages.DropPath) ? Directory.GetFiles(packages.DropPath, "*.nupkg") : [];
        foreach (var gone in _seen.Keys.Except(files).ToList())
        {
            _seen.Remove(gone);
        }

        foreach (var file in files)
        {
            var info = new FileInfo(file);
            var now = (info.Length, info.LastWriteTimeUtc);
            if (!_seen.TryGetValue(file, out var before) || before != now)
            {
                _seen[file] = now;
                continue;
            }

            _seen.Remove(file);
            await InstallAsync(file, cancellationToken);
        }
    }

    private async Task InstallAsync(string file, CancellationToken cancellationToken)
    {
        string outcome;
        string folder;
        try
        {
            PackageInstallResult result;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            {
                result = await packages.InstallAsync(stream, By, cancellationToken);
            }

            folder = "installed";
            outcome = $"已安装 Installed: {result.Package.Id} {result.Package.Version} (SHA-256 {result.Package.Sha256})";
            await audit.RecordAsync(PackageAudit.Installed(result, By), cancellationToken);
        }
        catch (PackageRefusedException ex)
        {
            folder = "refused";
            outcome = $"拒绝 Refused:\n{ex.Reason.Chinese}\n{ex.Reason.English}";
            await audit.RecordAsync(PackageAudit.Refused(ex, Path.GetFileName(file), By), cancellationToken);
        }
        catch (IOException ex)
        {
            // Still locked by whoever is writing it: the next scan tries again.
            logger.LogDebug(ex, "Dropped package {File} is not readable yet", file);
            return;
        }

        var target = Path.Combine(packages.DropPath, folder);
        Directory.CreateDirectory(target);
        var name = Path.GetFileName(file);
        var destination = Path.Combine(target, name);
        File.Move(file, destination, overwrite: true);
        await File.WriteAllTextAsync(destination + ".txt", outcome + Environment.NewLine, cancellationToken);
        logger.LogInformation("Dropped package {File}: {Outcome}", name, outcome);
    }
}
