using Npgsql;

namespace Forecaster.Data.Access;

/// <summary>Which database failures are worth repeating: those where the same statement can succeed a moment later.</summary>
public static class TransientFailures
{
    /// <summary>
    /// Lost or refused connections (08xxx, I/O, timeouts), server shutdown or restart (57P01–57P03), too many
    /// connections (53300), serialization failures (40001) and deadlocks (40P01). Constraint violations,
    /// syntax and permission errors are permanent and surface at once.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState switch
        {
            PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected => true,
            PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow => true,
            PostgresErrorCodes.TooManyConnections => true,
            var state => state.StartsWith("08", StringComparison.Ordinal),
        },
        // Not a server error: the connection broke (socket, stream, timeout) before or during the exchange.
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };
}
