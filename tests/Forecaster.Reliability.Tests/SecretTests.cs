using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Forecaster.Host.Hosting;
using Forecaster.Host.Scheduling;
using Forecaster.Reliability.Tests.Support;
using Forecaster.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Forecaster.Reliability.Tests;

/// <summary>
/// Sentinel secrets (a password and an SSL Password, every secret keyword Npgsql knows) must never leave the
/// connection string: not through logs (every level), exception texts, activity tags or metric tags of a real cycle,
/// nor through the output of a failed start.
/// </summary>
public sealed class SecretTests() : DatabaseTest("msft_daily_short.csv")
{
    private static readonly string Sentinel = "Sentinel" + Guid.NewGuid().ToString("N");

    /// <summary>The client key's passphrase: unused against a server without client certificates, but in the string.</summary>
    private static readonly string SslSentinel = "SslSentinel" + Guid.NewGuid().ToString("N");

    private string _login = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _login = Database.Name + "_sentinel";
        await Database.ExecuteAsync($"CREATE ROLE \"{_login}\" LOGIN PASSWORD '{Sentinel}' IN ROLE forecaster_service");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await using var connection = new NpgsqlConnection((await PostgresServer.GetAsync()).AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{_login}\"", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_real_cycle_logs_traces_and_measures_without_the_password()
    {
        var captured = new ConcurrentQueue<string>();
        using var logs = new LogCapture();
        using var activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => captured.Enqueue(Describe(activity)),
        };
        ActivitySource.AddActivityListener(activities);
        using var meters = new MeterListener {
            InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument) };
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => captured.Enqueue(Describe(instrument, tags)));
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => captured.Enqueue(Describe(instrument, tags)));
        meters.SetMeasurementEventCallback<int>((instrument, value, tags, _) => captured.Enqueue(Describe(instrument, tags)));
        meters.Start();

        var builder = ForecasterHost.CreateBuilder(
            SmallTraining.Settings("sentinel").Select(setting => $"--{setting.Key}={setting.Value}").Concat(
            [
                $"--ConnectionStrings:Forecaster={ServiceConnection(Sentinel)}",
                "--Logging:LogLevel:Default=Trace",
                "--Logging:LogLevel:Npgsql=Trace",
                "--Logging:LogLevel:Quartz=Trace",
            ]));
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.AddScheduledService();
        using (var host = builder.BuildValidated())
        {
            await host.StartAsync();
            await Eventually.WaitUntilAsync(
                async () => await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs WHERE status = 'succeeded'") == 1,
                TimeSpan.FromMinutes(2),
                "the start-up cycle to publish");
            meters.RecordObservableInstruments();
            await host.StopAsync();
        }

        // The logs were captured, not just the activities: a password absent from them means something.
        Assert.Contains(logs.Records, record => record.Text.Contains("msft_daily_short/MSFT", StringComparison.Ordinal));
        string[] everything = [.. captured, .. logs.Records.Select(record => record.Text)];
        Assert.Contains(everything, text => text.Contains("msft_daily_short/MSFT", StringComparison.Ordinal));
        Assert.DoesNotContain(everything, text => text.Contains(Sentinel, StringComparison.Ordinal));
        Assert.DoesNotContain(everything, text => text.Contains(SslSentinel, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_login_and_an_unreachable_server_fail_start_without_the_password()
    {
        var wrongPassword = await ServiceProcess.RunAsync("train", ServiceConnection(Sentinel + "x"), "refused");
        var unreachable = await ServiceProcess.RunAsync(
            "train", new NpgsqlConnectionStringBuilder(ServiceConnection(Sentinel)) { Host = "127.0.0.1", Port = 1, Timeout = 3 }
                .ConnectionString, "unreachable");

        Assert.Equal(78, wrongPassword.ExitCode);
        Assert.Contains("password authentication failed", wrongPassword.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Sentinel, wrongPassword.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(SslSentinel, wrongPassword.Output, StringComparison.Ordinal);
        Assert.Equal(69, unreachable.ExitCode);
        Assert.Contains("Password=***", unreachable.Output, StringComparison.Ordinal);
        Assert.Contains("SSL Password=***", unreachable.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Sentinel, unreachable.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(SslSentinel, unreachable.Output, StringComparison.Ordinal);
    }

    private string ServiceConnection(string password) => new NpgsqlConnectionStringBuilder(Database.ConnectionString)
    {
        Username = _login, Password = password, SslPassword = SslSentinel,
    }.ConnectionString;

    private static string Describe(Activity activity) =>
        string.Join(' ', [activity.OperationName, activity.DisplayName, activity.StatusDescription ?? "",
            .. activity.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"),
            .. activity.Events.SelectMany(e => e.Tags.Select(tag => $"{e.Name} {tag.Key}={tag.Value}"))]);

    private static string Describe(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string> { instrument.Meter.Name, instrument.Name };
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        return string.Join(' ', parts);
    }
}
