using Forecaster.Data.Access;
using Npgsql;

namespace Forecaster.Data.Tests;

public sealed class RetryTests : DatabaseTest
{
    [Fact]
    public async Task A_connection_terminated_by_the_server_is_retried_on_a_new_connection()
    {
        var attempts = 0;

        var result = await Data.WithConnectionAsync(
            async (connection, token) =>
            {
                if (++attempts == 1)
                {
                    // What a server restart or an administrator's kill looks like to the client: 57P01.
                    await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pg_backend_pid())", connection);
                    await kill.ExecuteNonQueryAsync(token);
                }

                await using var command = new NpgsqlCommand("SELECT 42", connection);
                return (int)(await command.ExecuteScalarAsync(token))!;
            },
            CancellationToken.None);

        Assert.Equal((42, 2), (result, attempts));
    }

    [Fact]
    public async Task A_permanent_failure_surfaces_at_once_without_retrying()
    {
        await Database.ExecuteAsync("INSERT INTO series (series_key) VALUES ('k')");
        var attempts = 0;

        var failure = await Assert.ThrowsAsync<PostgresException>(() => Data.WithConnectionAsync(
            async (connection, token) =>
            {
                attempts++;
                await using var command = new NpgsqlCommand("INSERT INTO series (series_key) VALUES ('k')", connection);
                return await command.ExecuteNonQueryAsync(token);
            },
            CancellationToken.None).AsTask());

        Assert.Equal((PostgresErrorCodes.UniqueViolation, 1), (failure.SqlState, attempts));
    }

    [Fact]
    public async Task The_observer_hears_each_retried_failure_and_the_one_that_surfaces_but_not_the_works_own_exceptions()
    {
        var observer = new RecordingObserver();
        await using var data = ForecasterDatabase.Create(Database.ConnectionString, failures: observer);
        var attempts = 0;

        await Assert.ThrowsAsync<PostgresException>(() => data.WithConnectionAsync(
            async (connection, token) =>
            {
                // Terminated once (retried), then a permanent failure (surfaces).
                var sql = ++attempts == 1 ? "SELECT pg_terminate_backend(pg_backend_pid())" : "SELECT 1 / 0";
                await using var command = new NpgsqlCommand(sql, connection);
                return await command.ExecuteScalarAsync(token);
            },
            CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => data.WithConnectionAsync<int>(
            (_, _) => throw new InvalidOperationException("not the database's"),
            CancellationToken.None).AsTask());

        Assert.Equal(PostgresErrorCodes.AdminShutdown, Assert.IsType<PostgresException>(Assert.Single(observer.Retried)).SqlState);
        Assert.Equal(PostgresErrorCodes.DivisionByZero, Assert.IsType<PostgresException>(Assert.Single(observer.Surfaced)).SqlState);
    }

    private sealed class RecordingObserver : IDatabaseFailureObserver
    {
        public List<Exception> Retried { get; } = [];

        public List<Exception> Surfaced { get; } = [];

        public void Retrying(Exception exception) => Retried.Add(exception);

        public void Failed(Exception exception) => Surfaced.Add(exception);
    }
}
