using System.Reflection;
using Forecaster.Data.Access;
using Forecaster.Data.Migrations;
using Forecaster.Data.Sources;
using Forecaster.Host.Configuration;
using Forecaster.Host.Logging;
using Forecaster.Host.Startup;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Forecaster.Host.Hosting;

/// <summary>
/// Migrates (when configured) and checks the price source against the catalog, so a typo in a column name stops
/// start-up with a message instead of failing every series; then opens the <see cref="StartupGate"/>.
/// A one-shot verb checks once, before it does anything: an unreachable database is
/// <see cref="DatabaseUnavailableException"/>. The service (<see cref="StartupMode.WaitForDatabase"/>) waits a
/// transient fault out with backoff, in the background, so its probes answer meanwhile (ready: 503); only a
/// configuration error (login refused, no such database, table or column, a changed migration) ends it.
/// </summary>
internal sealed class StartupChecks(
    IOptions<DatabaseOptions> database,
    MigrationLevel migrations,
    PriceSource source,
    InstanceIdentity instance,
    StartupGate gate,
    StartupMode mode,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<StartupChecks> logger,
    InstancePresence? presence = null) : IHostedService, IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();
    private Task _waiting = Task.CompletedTask;

    /// <summary>Informational version with the commit the SDK appends (<c>0.1.0+sha</c>).</summary>
    public static string BuildVersion { get; } =
        typeof(StartupChecks).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <exception cref="StartupCheckException">A configuration error.</exception>
    /// <exception cref="DatabaseUnavailableException">A one-shot verb found the database unreachable.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        HostLog.Starting(logger, BuildVersion, instance.Id, ConnectionStringSecrets.Redact(database.Value.ConnectionString));
        if (mode.WaitForDatabase)
        {
            _waiting = WaitForDatabaseAsync(_stopping.Token);
            return;
        }

        try
        {
            await CheckAsync(cancellationToken);
        }
        catch (Exception e) when (IsTransient(e))
        {
            throw new DatabaseUnavailableException(Describe(e), e);
        }
        catch (Exception e) when (AsConfigurationError(e) is { } failure)
        {
            throw failure;
        }

        gate.Open();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _waiting.WaitAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task WaitForDatabaseAsync(CancellationToken token)
    {
        var started = time.GetTimestamp();
        var attempts = 1;
        var retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = int.MaxValue,
                Delay = FirstRetryDelay,
                MaxDelay = MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = arguments =>
                {
                    attempts = arguments.AttemptNumber + 2;
                    HostLog.WaitingForDatabase(
                        logger,
                        Describe(arguments.Outcome.Exception!),
                        arguments.RetryDelay,
                        arguments.AttemptNumber + 1);
                    return default;
                },
            })
            .Build();
        try
        {
            await retry.ExecuteAsync(async attempt => await CheckAsync(attempt), token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (AsConfigurationError(e) is { } failure)
        {
            gate.Fail(failure);
            HostLog.CannotStart(logger, failure.Message, e);
            lifetime.StopApplication();
            return;
        }
        catch (Exception e) when (!token.IsCancellationRequested)
        {
            // Not the configuration and not worth waiting for: a defect. The service ends (exit 70) and is restarted.
            gate.Fail(e);
            HostLog.StartFailed(logger, e);
            lifetime.StopApplication();
            return;
        }

        if (attempts > 1)
        {
            HostLog.DatabaseAvailable(logger, attempts, time.GetElapsedTime(started));
        }

        gate.Open();
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (database.Value.MigrateOnStart && await NeedsMigrationAsync(cancellationToken))
        {
            var result = await DatabaseMigrator.MigrateAsync(database.Value.ConnectionString, cancellationToken, logger);
            HostLog.Migrated(logger, result.Applied.Count);
        }

        await source.VerifyAsync(cancellationToken);
        if (presence is not null)
        {
            // Before the first claim, so this instance's claims are bound to its session from the start.
            await presence.AcquireAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Whether this build's migrations are not all applied. A database that has them all needs no migration, so the
    /// service login (DML only) starts with the default MigrateOnStart; an unreadable history means "try".
    /// </summary>
    private async Task<bool> NeedsMigrationAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await migrations.ReadAsync(cancellationToken) is not { Missing.Count: 0 };
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return true;
        }
    }

    /// <summary>Refused, timed out, starting up or shutting down, out of connections: the same attempt can succeed later.</summary>
    private static bool IsTransient(Exception exception) =>
        exception is not OperationCanceledException && TransientFailures.IsTransient(exception);

    private string Describe(Exception exception) =>
        $"database {ConnectionStringSecrets.Redact(database.Value.ConnectionString)}: {exception.Message}";

    private StartupCheckException? AsConfigurationError(Exception exception) => exception switch
    {
        PriceSourceException => new StartupCheckException($"{SourceOptionsValidator.SectionName}: {exception.Message}", exception),
        MigrationValidationException or MigrationPermissionException =>
            new StartupCheckException($"migration: {exception.Message}", exception),
        NpgsqlException => new StartupCheckException(Describe(exception), exception),
        _ => null,
    };
}
