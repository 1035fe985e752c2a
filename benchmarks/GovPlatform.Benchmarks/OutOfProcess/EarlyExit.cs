using System.Runtime.InteropServices;

namespace GovPlatform.Benchmarks.OutOfProcess;

/// <summary>
/// Clean-ups run when the runner is stopped by a signal (Ctrl+C, <c>kill</c>) before it disposed what it started: child
/// processes and temporary folders. An exception ends the figures through their <c>finally</c> blocks instead.
/// </summary>
public static class EarlyExit
{
    private static readonly List<Action> Cleanups = [];
    private static readonly List<PosixSignalRegistration> Registrations = [];

    /// <summary>Runs <paramref name="cleanup"/> on SIGINT, SIGTERM, SIGQUIT or SIGHUP, and at process exit.</summary>
    public static void Register(Action cleanup)
    {
        lock (Cleanups)
        {
            if (Registrations.Count == 0)
            {
                foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP })
                {
                    Registrations.Add(PosixSignalRegistration.Create(signal, _ => RunAll()));
                }

                AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();
            }

            Cleanups.Add(cleanup);
        }
    }

    private static void RunAll()
    {
        Action[] cleanups;
        lock (Cleanups)
        {
            // Last registered first, as disposal would: children go before the folders they use.
            cleanups = [.. Enumerable.Reverse(Cleanups)];
        }

        foreach (var cleanup in cleanups)
        {
            try
            {
                cleanup();
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Clean-up on exit failed: {ex.Message}");
            }
        }
    }
}
