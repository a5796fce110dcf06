using Forecaster.Data.Access;
using Npgsql;

namespace Forecaster.Data.Tests;

public sealed class TransientFailureTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.SerializationFailure, true)]
    [InlineData(PostgresErrorCodes.DeadlockDetected, true)]
    [InlineData(PostgresErrorCodes.AdminShutdown, true)]
    [InlineData(PostgresErrorCodes.CannotConnectNow, true)]
    [InlineData(PostgresErrorCodes.ConnectionFailure, true)]
    [InlineData(PostgresErrorCodes.TooManyConnections, true)]
    [InlineData(PostgresErrorCodes.UniqueViolation, false)]
    [InlineData(PostgresErrorCodes.CheckViolation, false)]
    [InlineData(PostgresErrorCodes.InsufficientPrivilege, false)]
    [InlineData(PostgresErrorCodes.UndefinedColumn, false)]
    public void Server_errors_are_transient_only_when_repeating_can_succeed(string sqlState, bool transient) =>
        Assert.Equal(transient, TransientFailures.IsTransient(new PostgresException("test", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void Broken_connections_are_transient_and_cancellation_is_not() =>
        Assert.Equal(
            (true, false),
            (TransientFailures.IsTransient(new NpgsqlException("broken", new IOException("reset"))),
             TransientFailures.IsTransient(new OperationCanceledException())));
}
