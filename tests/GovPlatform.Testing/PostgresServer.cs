using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GovPlatform.Testing;

/// <summary>
/// A private, throwaway PostgreSQL server: a fresh cluster in a temporary folder (initdb), listening on a free
/// loopback port, trust authentication for the <c>postgres</c> user, fsync off. Started the way <c>test.sh</c>
/// starts its server; as root, PostgreSQL's programs run as the <c>postgres</c> user (initdb refuses root).
/// Needs PostgreSQL's binaries: <see cref="BinDirectoryVariable"/>, or else the highest
/// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c>.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The environment variable that names PostgreSQL's bin folder (set by test.sh).</summary>
    public const string BinDirectoryVariable = "GOVPLATFORM_POSTGRES_BIN";

    private static readonly TimeSpan InitDbTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PgCtlTimeout = TimeSpan.FromSeconds(90);

    private readonly string _binDirectory;
    private readonly bool _asPostgresUser;
    private bool _running;
    private bool _disposed;

    private PostgresServer(string binDirectory, string directory, bool asPostgresUser)
    {
        _binDirectory = binDirectory;
        RootDirectory = directory;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>The temporary folder: <c>data/</c> (the cluster), <c>log</c> (the server's log) and the socket.</summary>
    public string RootDirectory { get; }

    /// <summary>The cluster's data folder.</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>The server's log file.</summary>
    public string LogFile => Path.Combine(RootDirectory, "log");

    /// <summary>The loopback port the server listens on; the same after <see cref="StartAgainAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>Npgsql connection string to the <c>postgres</c> database as the <c>postgres</c> superuser.</summary>
    public string ConnectionString =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres");

    /// <summary>Whether the server is running (started and not stopped since).</summary>
    public bool IsRunning => _running;

    /// <summary>Whether PostgreSQL's binaries can be found (see <see cref="FindBinDirectory"/>).</summary>
    public static bool IsInstalled => FindBinDirectory() is not null;

    /// <summary>
    /// PostgreSQL's bin folder: <see cref="BinDirectoryVariable"/> when set, else the highest
    /// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> that has <c>initdb</c>; null when there is none.
    /// </summary>
    public static string? FindBinDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(Path.Combine(fromEnvironment, "initdb")) ? fromEnvironment : null;
        }

        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.EnumerateDirectories(root)
            .Select(dir => (Dir: dir, Version: Version.TryParse(VersionText(Path.GetFileName(dir)), out var v) ? v : null))
            .Where(x => x.Version is not null && File.Exists(Path.Combine(x.Dir, "bin", "initdb")))
            .OrderByDescending(x => x.Version)
            .Select(x => Path.Combine(x.Dir, "bin"))
            .FirstOrDefault();

        // "15" is no System.Version; "15.0" is.
        static string VersionText(string name) => name.Contains('.', StringComparison.Ordinal) ? name : name + ".0";
    }

    /// <summary>Creates a fresh cluster in a temporary folder and starts a server on a free loopback port.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            $"PostgreSQL is not installed: no /usr/lib/postgresql/<version>/bin/initdb and no {BinDirectoryVariable}. " +
            "On Debian: apt-get install postgresql (./test.sh installs it).");
        var asPostgres = IsRoot();
        var directory = Directory.CreateTempSubdirectory("govplatform-pg.").FullName;
        var server = new PostgresServer(bin, directory, asPostgres);
        try
        {
            if (asPostgres)
            {
                await RunAsync(directory, "chown", ["postgres:", directory], TimeSpan.FromSeconds(30), cancellationToken);
            }

            await server.RunPostgresProgramAsync(
                "initdb",
                ["-D", server.DataDirectory, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"],
                InitDbTimeout,
                cancellationToken);

            // A port taken between finding it and the server binding it fails the start at once: try another.
            for (var attempt = 1; ; attempt++)
            {
                server.Port = FreeLoopbackPort();
                try
                {
                    await server.PgCtlStartAsync(cancellationToken);
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 5 && !File.Exists(Path.Combine(server.DataDirectory, "postmaster.pid")))
                {
                }
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server cleanly (<c>pg_ctl stop -m fast</c>); the data stays for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await RunPostgresProgramAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], PgCtlTimeout, cancellationToken);
        _running = false;
    }

    /// <summary>Starts the same cluster again, on the same port, after <see cref="StopAsync"/>.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return PgCtlStartAsync(cancellationToken);
    }

    /// <summary>Stops the server at once (<c>pg_ctl stop -m immediate</c>) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunPostgresProgramAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], PgCtlTimeout, CancellationToken.None);
            }
        }
        catch (InvalidOperationException)
        {
            // Already stopped, or it cannot be stopped: the folder goes all the same.
        }
        finally
        {
            _running = false;
            try
            {
                Directory.Delete(RootDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"PostgreSQL on 127.0.0.1:{Port} ({DataDirectory})";

    private async Task PgCtlStartAsync(CancellationToken cancellationToken)
    {
        var options = string.Create(
            CultureInfo.InvariantCulture,
            $"-c listen_addresses=127.0.0.1 -p {Port} -k '{RootDirectory}' -c fsync=off -c full_page_writes=off -c max_connections=300");
        try
        {
            await RunPostgresProgramAsync(
                "pg_ctl",
                ["-D", DataDirectory, "-o", options, "-w", "-t", "60", "-l", LogFile, "start"],
                PgCtlTimeout,
                cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{e.Message}{Environment.NewLine}Server log ({LogFile}):{Environment.NewLine}{ReadLogTail()}", e);
        }

        _running = true;
    }

    private string ReadLogTail()
    {
        try
        {
            var lines = File.ReadAllLines(LogFile);
            return string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Length - 30)));
        }
        catch (IOException e)
        {
            return "(unreadable: " + e.Message + ")";
        }
        catch (UnauthorizedAccessException e)
        {
            return "(unreadable: " + e.Message + ")";
        }
    }

    private Task<string> RunPostgresProgramAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_binDirectory, program);
        return _asPostgresUser
            ? RunAsync(RootDirectory, "runuser", ["-u", "postgres", "--", path, .. arguments], timeout, cancellationToken)
            : RunAsync(RootDirectory, path, arguments, timeout, cancellationToken);
    }

    /// <summary>Runs a program to its end; its output, and on failure an exception that carries that output.</summary>
    private static async Task<string> RunAsync(
        string workingDirectory, string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var commandLine = string.Join(' ', arguments.Prepend(fileName).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
        using var process = new Process { StartInfo = startInfo };
        var output = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run {commandLine}: {e.Message}", e);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException($"{commandLine} did not finish within {timeout.TotalSeconds:0} s. Output:{Environment.NewLine}{Text()}");
        }

        // The exit was seen; this waits for the end of the redirected output.
        await process.WaitForExitAsync(CancellationToken.None);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{commandLine} failed (exit code {process.ExitCode}). Output:{Environment.NewLine}{Text()}");
        }

        return Text();

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && Environment.UserName == "root";
}
