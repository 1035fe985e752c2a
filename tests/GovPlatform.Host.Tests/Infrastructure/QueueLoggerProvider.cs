using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Host.Tests.Infrastructure;

/// <summary>Keeps the host's log lines so tests can assert what an operator would read.</summary>
internal sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new QueueLogger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class QueueLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(exception is null ? $"{logLevel} {category}: {formatter(state, exception)}" : $"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
