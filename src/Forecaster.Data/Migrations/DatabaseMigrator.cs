using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using EvolveDb;
using EvolveDb.Dialect;
using Forecaster.Data.Access;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Forecaster.Data.Migrations;

/// <summary>
/// Applies the SQL files of <c>migrations/</c> (embedded in this assembly) with Evolve: each file once, in
/// version order, each in its own transaction, recorded with an MD5 checksum in the <c>changelog</c> table.
/// Concurrent callers are serialised by a PostgreSQL advisory lock that Evolve takes on the target database.
/// </summary>
public static partial class DatabaseMigrator
{
    internal const string ResourcePrefix = "Forecaster.Data.Migrations.";

    /// <summary>Migrates the database of <paramref name="connectionString"/> (which must be allowed to create objects).</summary>
    /// <exception cref="MigrationValidationException">An applied migration file was changed or removed.</exception>
    public static Task<MigrationResult> MigrateAsync(
        string connectionString,
        CancellationToken cancellationToken,
        ILogger? logger = null) =>
        MigrateAsync(connectionString, targetVersion: null, cancellationToken, logger);

    /// <summary>
    /// Migrates up to <paramref name="targetVersion"/> ("9", "8.1") only: the schema an earlier release left, for
    /// upgrade tests (applied files never change, so this build's first files are that release's).
    /// </summary>
    internal static async Task<MigrationResult> MigrateAsync(
        string connectionString,
        string? targetVersion,
        CancellationToken cancellationToken,
        ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var log = logger ?? NullLogger.Instance;

        await using var dataSource = ConnectionStringSecrets.DataSourceBuilder(connectionString).Build();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Evolve is synchronous; cancelling asks the server to abort the statement in flight.
        await using var cancelRegistration = cancellationToken.Register(() => CancelBackend(dataSource, connection.ProcessID));

        var evolve = new Evolve(connection, message => DataLog.MigrationProgress(log, message), DBMS.PostgreSQL)
        {
            EmbeddedResourceAssemblies = [typeof(DatabaseMigrator).Assembly],
            EmbeddedResourceFilters = [ResourcePrefix],
            IsEraseDisabled = true,
            MustEraseOnValidationError = false,
            EnableClusterMode = true,
        };
        if (targetVersion is not null)
        {
            evolve.TargetVersion = new EvolveDb.Migration.MigrationVersion(targetVersion);
        }

        try
        {
            await Task.Run(evolve.Migrate, cancellationToken).ConfigureAwait(false);
        }
        catch (EvolveValidationException ex)
        {
            var fileName = MigrationFileName().Match(ex.Message) is { Success: true } match ? match.Value : "(unknown file)";
            throw new MigrationValidationException(
                fileName,
                $"Refusing to migrate: applied migration '{fileName}' no longer matches the database's record of it. " +
                $"Applied migrations must never be edited; restore the file and add a new migration instead. ({ex.Message})",
                ex);
        }
        catch (EvolveException ex)
            when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } denied)
        {
            throw new MigrationPermissionException(
                $"this login may not change the schema ({denied.MessageText}): run 'forecaster migrate' as the schema owner, " +
                "then run the service with Forecaster:Database:MigrateOnStart=false or after the migration (see deploy/SERVICE.md)",
                ex);
        }
        catch (EvolveException ex) when (ex.InnerException is NpgsqlException database && !cancellationToken.IsCancellationRequested)
        {
            // A lost connection or a refusal is the database's, whatever Evolve was doing: the caller classifies it.
            ExceptionDispatchInfo.Throw(database);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            throw new OperationCanceledException("Migration cancelled.", ex, cancellationToken);
        }

        var applied = evolve.AppliedMigrations.ToArray();
        DataLog.Migrated(log, applied.Length, applied);
        return new MigrationResult(applied);
    }

    /// <summary>
    /// Best effort: if the server cannot be reached to cancel, the migration ends on its own (each file is one
    /// transaction), and the exception must not surface in whoever triggered the cancellation.
    /// </summary>
    private static void CancelBackend(NpgsqlDataSource dataSource, int processId)
    {
        try
        {
            using var canceller = dataSource.OpenConnection();
            using var command = new NpgsqlCommand("SELECT pg_cancel_backend(@pid)", canceller);
            command.Parameters.AddWithValue("pid", processId);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
        }
    }

    [GeneratedRegex(@"[VR][0-9_]*__[^\s]+?\.sql", RegexOptions.CultureInvariant)]
    private static partial Regex MigrationFileName();
}
