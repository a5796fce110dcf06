using Forecaster.Host.Cli;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Host.Tests;

/// <summary>
/// A typo on the command line is an error that says what was meant, never a different action: unknown verbs and
/// options exit 64, setting overrides are recognised by their section on every verb, unknown setting keys stop start.
/// </summary>
public sealed class CommandLineStrictnessTests() : DatabaseTest("msft_daily_short.csv")
{
    private const string Series = "msft_daily_short/MSFT";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_mistyped_verb_is_a_usage_error_with_a_suggestion_and_trains_nothing()
    {
        var (exitCode, _, error) = await InvokeAsync(["migrat", .. Settings()]);

        Assert.True(exitCode == VerbHost.UsageError, error);
        Assert.Contains("'migrat': did you mean migrate?", error, StringComparison.Ordinal);
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs"));
    }

    [Theory]
    [InlineData("train", "--seris", "--series")]
    [InlineData("import", "--source-colum-map", "--source-column-map")]
    [InlineData("backtest", "--levle", "--level")]
    public async Task An_unknown_option_is_a_usage_error_naming_the_closest_option(string verb, string typo, string meant)
    {
        var (exitCode, _, error) = await InvokeAsync(
            [verb, typo, "x", SeededDatabase.DataFile("msft_daily_short.csv").FullName, .. Settings()]);

        Assert.True(exitCode == VerbHost.UsageError, error);
        Assert.Contains($"'{typo}'", error, StringComparison.Ordinal);
        Assert.Contains($"did you mean {meant}?", error, StringComparison.Ordinal);
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs"));
    }

    [Fact]
    public async Task Setting_overrides_after_a_list_option_are_settings_not_series()
    {
        var (exitCode, output, error) = await InvokeAsync(
            ["train", "--series", Series, "--Forecaster:Workers:DegreeOfParallelism", "1", .. Settings()]);

        Assert.True(exitCode == VerbHost.Success, output + error);
        Assert.Contains("1 trained, 0 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_takes_setting_overrides_in_the_two_token_form_like_every_verb()
    {
        var file = SeededDatabase.DataFile("wheat_annual.csv").FullName;

        var (exitCode, output, error) = await InvokeAsync(
            ["import", file, "--ConnectionStrings:Forecaster", Database
                .ConnectionString, "--Forecaster:Workers:DegreeOfParallelism", "1"]);

        Assert.True(exitCode == VerbHost.Success, output + error);
        Assert.True(await Database.ScalarAsync<long>("SELECT count(*) FROM prices WHERE series_key LIKE 'wheat_annual/%'") > 100);
    }

    [Fact]
    public async Task Misspelled_and_removed_setting_keys_stop_start_naming_the_key_and_what_to_use()
    {
        var (exitCode, _, error) = await InvokeAsync(
            [
                "train", "--Forecaster:Workers:DegreeOfParalelism", "1", "--Forecaster:Telemetry:HealthEndpoint", "http://127.0.0.1:9465/",
                .. Settings(),
            ]);

        Assert.True(exitCode == VerbHost.InvalidConfiguration, error);
        Assert.Contains(
            "Forecaster:Workers:DegreeOfParalelism is not a setting; did you mean " +
            "Forecaster:Workers:DegreeOfParallelism?", error, StringComparison.Ordinal);
        Assert.Contains(
            "Forecaster:Telemetry:HealthEndpoint was removed: healthz/live and healthz/ready are served with metrics on " +
            "Forecaster:Telemetry:PrometheusEndpoint",
            error,
            StringComparison.Ordinal);
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs"));
    }

    [Fact]
    public async Task A_setting_key_without_a_value_is_a_usage_error()
    {
        var (exitCode, _, error) = await InvokeAsync([.. Settings(), "train", "--Forecaster:Workers:DegreeOfParallelism"]);

        Assert.True(exitCode == VerbHost.UsageError, error);
        Assert.Contains("--Forecaster:Workers:DegreeOfParallelism needs a value", error, StringComparison.Ordinal);
    }

    private string[] Settings() =>
        [.. TestHost.SmallTraining(Database.ConnectionString, "strict").Select(setting => $"--{setting.Key}={setting.Value}")];

    private static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ForecasterCommandLine.InvokeAsync(args, output, error).WaitAsync(Patience);
        return (exitCode, output.ToString(), error.ToString());
    }
}
