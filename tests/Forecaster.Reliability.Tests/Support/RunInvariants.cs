using Forecaster.Testing;

namespace Forecaster.Reliability.Tests.Support;

/// <summary>What must hold in <c>forecast_runs</c> whatever several instances did.</summary>
internal static class RunInvariants
{
    /// <summary>Pairs of runs of one series whose start-to-finish times overlap: two instances training it at once.</summary>
    public static Task<long> ConcurrentRunsAsync(TestDatabase database) =>
        database.ScalarAsync<long>(
            """
            SELECT count(*) FROM forecast_runs a JOIN forecast_runs b
              ON a.series_key = b.series_key AND a.run_id < b.run_id
             AND tstzrange(a.started_at, a.finished_at) && tstzrange(b.started_at, b.finished_at)
            """);
}
