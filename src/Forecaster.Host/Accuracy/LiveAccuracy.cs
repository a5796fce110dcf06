using Forecaster.Data.Accuracy;
using Forecaster.Host.Logging;
using Microsoft.Extensions.Logging;

namespace Forecaster.Host.Accuracy;

/// <summary>
/// The scoring step of a cycle: scores what arrived since the last pass, records the metrics and logs a line.
/// A failure is logged and left to the next cycle: scoring must never keep series from training.
/// </summary>
internal sealed class LiveAccuracy(AccuracyScorer scorer, AccuracyTelemetry telemetry, TimeProvider time, ILogger<LiveAccuracy> logger)
{
    public async Task<ScoringPass> ScoreAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var pass = await scorer.ScoreAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
            var elapsed = time.GetElapsedTime(started);
            telemetry.Record(pass, elapsed);
            if (pass.Ran)
            {
                HostLog.Scored(
                    logger, pass.Count("scored"), pass.Count("missing"), pass.Count("scored", revised: true), pass.SeriesChecked, pass.SeriesScored, elapsed);
            }
            else
            {
                HostLog.ScoringBusy(logger);
            }

            return pass;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            HostLog.ScoringFailed(logger, e);
            return ScoringPass.Skipped;
        }
    }
}
