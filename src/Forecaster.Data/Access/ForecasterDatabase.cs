using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Polly;

namespace Forecaster.Data.Access;

/// <summary>
/// The process-wide handle on the database: one pooled <see cref="NpgsqlDataSource"/> plus the retry pipeline.
/// Create one per process and hand it to the stores; dispose it at shutdown.
/// </summary>
public sealed class ForecasterDatabase : IAsyncDisposable
{
    private readonly IDatabaseFailureObserver? _failures;

    public ForecasterDatabase(
        NpgsqlDataSource dataSource, ResiliencePipeline retry, ILoggerFactory? loggerFactory = null,
        IDatabaseFailureObserver? failures = null)
    {
        DataSource = dataSource;
        Retry = retry;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _failures = failures;
    }

    public NpgsqlDataSource DataSource { get; }

    public ResiliencePipeline Retry { get; }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>A database over <paramref name="connectionString"/> with the default retry pipeline.</summary>
    /// <param name="failures">Told about every retried and every surfacing database failure (metrics).</param>
    public static ForecasterDatabase Create(
        string connectionString, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null,
        IDatabaseFailureObserver? failures = null)
    {
        var builder = ConnectionStringSecrets.DataSourceBuilder(connectionString);
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        var retry = DatabaseRetry.CreatePipeline(
            logger: loggerFactory?.CreateLogger<ForecasterDatabase>(),
            timeProvider: timeProvider,
            failures: failures);
        return new ForecasterDatabase(builder.Build(), retry, loggerFactory, failures);
    }

    /// <summary>
    /// One round trip to the server (a pooled connection can look open while the server is gone). Outside the
    /// retry pipeline: health probes must answer within their own timeout, not after backoff.
    /// </summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> on a fresh connection, retrying the whole of it on transient failures.</summary>
    internal async ValueTask<T> WithConnectionAsync<T>(
        Func<NpgsqlConnection, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken)
    {
        try
        {
            return await Retry.ExecuteAsync(
                async token =>
                {
                    await using var connection = await DataSource.OpenConnectionAsync(token).ConfigureAwait(false);
                    return await work(connection, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Only database failures: the work's own exceptions (lease lost, bad data) are not the database's.
            _failures?.Failed(e);
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, committed only when it returns; retried as a whole.</summary>
    internal ValueTask<T> InTransactionAsync<T>(
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken) =>
        WithConnectionAsync(
            async (connection, token) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(token).ConfigureAwait(false);
                var result = await work(connection, transaction, token).ConfigureAwait(false);
                await transaction.CommitAsync(token).ConfigureAwait(false);
                return result;
            },
            cancellationToken);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
