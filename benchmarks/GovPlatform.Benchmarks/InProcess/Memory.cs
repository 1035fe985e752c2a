using System.Diagnostics;
using System.Runtime;

namespace GovPlatform.Benchmarks.InProcess;

/// <summary>The process's managed heap (after a full, compacting collection) and working set.</summary>
public sealed record MemorySample(long ManagedHeap, long WorkingSet)
{
    public static async Task<MemorySample> TakeAsync()
    {
        // Let background disposal (released shells drain asynchronously) finish, then collect everything.
        await Task.Delay(500);
        for (var i = 0; i < 3; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new MemorySample(GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    public MemorySample Minus(MemorySample other) => new(ManagedHeap - other.ManagedHeap, WorkingSet - other.WorkingSet);
}
