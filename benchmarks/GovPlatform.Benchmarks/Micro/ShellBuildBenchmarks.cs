using BenchmarkDotNet.Attributes;
using GovPlatform.Benchmarks.InProcess;
using GovPlatform.Core.Modules;
using GovPlatform.Core.Shells;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Benchmarks.Micro;

/// <summary>Building a district's shell (container and pipeline) without any I/O: the CPU part of an activation.</summary>
[MemoryDiagnoser]
public class ShellBuildBenchmarks
{
    private InProcessHost? _host;
    private string _root = "";
    private ShellContainerFactory? _factory;
    private ShellSettings? _settings;
    private IReadOnlyList<FeatureDescriptor> _features = [];
    private Microsoft.Extensions.Configuration.IConfiguration? _configuration;

    [GlobalSetup]
    public void Setup()
    {
        _root = InProcessHost.PrepareFolder();
        _host = InProcessHost.StartAsync(_root).GetAwaiter().GetResult();
        _host.Shells.SetupAsync("zhanqian").GetAwaiter().GetResult();
        var shell = _host.Shells.EnterAsync("zhanqian").AsTask().GetAwaiter().GetResult();
        _settings = shell.Settings;
        _features = shell.Features;
        _configuration = shell.ServiceProvider.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        shell.Exit();
        _factory = _host.Services.GetRequiredService<ShellContainerFactory>();
    }

    [Benchmark(Description = "Build and dispose a district's shell")]
    public async Task BuildShell()
    {
        var shell = _factory!.Build(_settings!, _configuration!, _features);
        await shell.DisposeAsync();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        ActivationBenchmark.TryDelete(_root);
    }
}
