using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Polly;
using Polly.Retry;

namespace GovPlatform.Core.Data;

/// <summary>Tells a database that is down or busy (retry, answer 503) from a bug (fail, answer 500).</summary>
public static class DatabaseErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteCannotOpen = 14;

    /// <summary>Retries plain ADO.NET work on transient errors (EF Core has its own execution strategy).</summary>
    public static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    /// <summary>The database could not be reached or is too busy: worth retrying later; the request gets a 503.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (IsTransient(ex) || ex is SqliteException { SqliteErrorCode: SqliteCannotOpen })
            {
                return true;
            }

            if (ex is AggregateException aggregate && aggregate.InnerExceptions.Any(IsUnavailable))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A single failure likely to succeed when tried again.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300",
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteBusy,
        SocketException => true,
        _ => false,
    };
}
