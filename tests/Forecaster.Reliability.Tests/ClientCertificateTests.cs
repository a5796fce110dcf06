using Forecaster.Reliability.Tests.Support;
using Forecaster.Testing;
using Npgsql;

namespace Forecaster.Reliability.Tests;

/// <summary>
/// A service login that authenticates with a client certificate whose key is protected by SSL Password, against a
/// PostgreSQL that accepts only that certificate: the service loads the key itself (Npgsql never sees the password),
/// yet every connection (its own, the migration check, Quartz's job store) presents the certificate, so it publishes;
/// and the password is in none of its output. A wrong password stops the start naming the file, not the password.
/// </summary>
public sealed class ClientCertificateTests : IAsyncLifetime
{
    private const string Login = "forecaster_certificate";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly string KeyPassword = "KeySentinel" + Guid.NewGuid().ToString("N");

    private PrivateCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await PrivateCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_client_key_protected_by_ssl_password_logs_the_service_in_and_the_password_stays_out_of_its_output()
    {
        var ca = await _cluster.EnableTlsAsync(
            "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'",
            $"hostssl all {Login} 127.0.0.1/32 cert",
            verifyClients: true);
        var owner = await _cluster.CreateSeededDatabaseAsync("msft_daily_short.csv");
        await ExecuteAsync(owner, $"CREATE ROLE {Login} LOGIN IN ROLE forecaster_service");
        var (certificate, key) = await _cluster.IssueClientCertificateAsync(Login, KeyPassword);
        var service = new NpgsqlConnectionStringBuilder(owner)
        {
            Username = Login, Password = null, SslMode = SslMode.VerifyFull, RootCertificate = ca,
            SslCertificate = certificate, SslKey = key, SslPassword = KeyPassword,
        }.ConnectionString;

        using (var running = ServiceProcess.Start("run", service, "client-certificate"))
        {
            await Eventually.WaitUntilAsync(
                async () => running.HasExited || await CountAsync(owner, "SELECT count(*) FROM latest_forecasts") > 0,
                Patience,
                "a forecast published by the certificate login");
            Assert.False(running.HasExited, running.Output);
            running.Terminate();
            Assert.True(await running.WaitForExitAsync(Patience) == 0, running.Output);
            Assert.DoesNotContain(KeyPassword, running.Output, StringComparison.Ordinal);
        }

        var wrong = await ServiceProcess.RunAsync(
            "train", new NpgsqlConnectionStringBuilder(service) { SslPassword = "Not" + KeyPassword }.ConnectionString, "wrong-key");
        Assert.Equal(78, wrong.ExitCode);
        Assert.Contains(certificate, wrong.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyPassword, wrong.Output, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
