using Forecaster.Host.Cycle;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Host.Tests;

/// <summary><c>train --series</c> trains its selection without ever claiming another due series.</summary>
public sealed class SchedulingTrainSelectedTests() : DatabaseTest("seasonal.csv")
{
    private const string Selected = "seasonal/co2_monthly";

    [Fact]
    public async Task Other_due_series_are_never_claimed_while_the_selection_trains()
    {
        await Database.ExecuteAsync("UPDATE series SET next_due_at = '2026-01-01Z', due_reason = 'operator'");
        var others = await Database.ScalarAsync<long>($"SELECT count(*) FROM series WHERE series_key <> '{Selected}'");
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "cli");

        var cycle = host.Runner.RunCycleAsync("train", progress: null, CancellationToken.None, new HashSet<string> { Selected });
        var claimedOthersSeen = new List<long>();
        do
        {
            claimedOthersSeen.Add(await Database.ScalarAsync<long>(
                $"SELECT count(*) FROM series WHERE series_key <> '{Selected}' AND claimed_by IS NOT NULL"));
        }
        while (!cycle.IsCompleted);
        var summary = await cycle;

        Assert.True(others >= 3);
        Assert.All(claimedOthersSeen, claimed => Assert.Equal(0L, claimed));
        Assert.Equal([(Selected, SeriesOutcome.Trained)], summary.Results.Select(result => (result.SeriesKey, result.Outcome)));
        Assert.Equal(
            [others, 0L],
            (await Database.RowsAsync(
                $"""
                SELECT count(*) FILTER (WHERE s.next_due_at = '2026-01-01Z' AND s.due_reason = 'operator'), count(r.run_id)
                FROM series s LEFT JOIN forecast_runs r USING (series_key) WHERE s.series_key <> '{Selected}'
                """)).Single());
    }
}
