using Forecaster.Core.Calendar;
using Forecaster.Core.Champion;
using Forecaster.Core.Models;
using Forecaster.Core.Training;

namespace Forecaster.Core.Pipeline;

/// <summary>
/// The one per-series path of the service and the backtest: clean → cadence → season → train → choose → forecast
/// with stamps. The service calls it once per claimed series; the backtest once per origin on the history up to it.
/// </summary>
public static class SeriesPipeline
{
    /// <inheritdoc cref="HistoryCleaner.Clean"/>
    public static CleanHistory Clean(IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> values, CleaningPolicy policy) =>
        HistoryCleaner.Clean(timestamps, values, policy);

    /// <summary>Everything after cleaning, on clean history (strictly increasing UTC stamps, positive finite values).</summary>
    /// <param name="warmStart">The series' previous model, refined instead of trained from scratch when it still fits.</param>
    /// <param name="extraBaselines">Baselines scored for comparison only (the backtest's drift); never published.</param>
    /// <param name="cadence">The series' own cadence (declared, or inferred in its time zone); null infers it from the UTC stamps.</param>
    /// <exception cref="Validation.ForecastInputException">The history cannot be trained on; the reason says why.</exception>
    public static SeriesFit Fit(
        ReadOnlySpan<DateTime> timestamps,
        ReadOnlySpan<double> values,
        TrainingSettings training,
        ChampionSettings champion,
        SeriesModel? warmStart,
        CancellationToken ct,
        TimeProvider? timeProvider = null,
        IReadOnlyList<ForecastMethod>? extraBaselines = null,
        Cadence? cadence = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(champion);
        var stamps = timestamps.ToArray();
        cadence ??= CadenceInference.Infer(stamps);
        var model = ChampionTrainer.Train(
            values,
            training,
            champion,
            warmStart,
            progress: null,
            ct,
            timeProvider,
            extraBaselines,
            timestamps);
        return new SeriesFit(cadence, model, stamps, values.ToArray());
    }
}
