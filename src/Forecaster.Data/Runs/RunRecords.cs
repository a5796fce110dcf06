namespace Forecaster.Data.Runs;

/// <summary>What is known when a run begins. Times are UTC and come from the caller's TimeProvider.</summary>
public sealed record RunStart(
    string SeriesKey,
    string InstanceId,
    DateTime StartedAt,
    long Seed,
    int WindowSize,
    int Horizon,
    string? HyperParametersJson = null);

/// <summary>
/// A run that ends without publishing. Releases the instance's claim on the series and sets its
/// <c>next_due_at</c> to <see cref="NextDueAt"/> (null: let MarkDue decide, e.g. on new data). With
/// <see cref="Unfit"/> the series' data cannot train: the series records why and waits for changed data or the
/// maximum model age, and a skip leaves no run row behind (the series row says why).
/// </summary>
public sealed record RunOutcome(
    long RunId,
    string SeriesKey,
    string InstanceId,
    RunStatus Status,
    DateTime FinishedAt,
    string? ReasonCode = null,
    string? ErrorText = null,
    DateTime? NextDueAt = null,
    UnfitInputs? Unfit = null);

/// <summary>
/// What an attempt judged unfit had read: the series' <c>inputs_version</c> when it was claimed and the newest source
/// point (null when there was none), so only a later change makes it due again.
/// </summary>
public sealed record UnfitInputs(long InputsVersion, DateTime? Watermark);

/// <summary>One forecast step. Interval bounds are optional, but come in lower/upper pairs.</summary>
public sealed record ForecastPoint(
    int Step,
    DateTime TargetTimestamp,
    double Value,
    double? Lower80 = null,
    double? Upper80 = null,
    double? Lower95 = null,
    double? Upper95 = null);

/// <summary>
/// Validation accuracy of the trained model (any of them may be unknown), and which method was published:
/// <see cref="Champion"/> (rnn, naive, seasonal_naive), the network's relative MAE advantage over the best
/// baseline (<see cref="ChampionMargin"/>, negative when it lost) and the season the baseline used.
/// </summary>
public sealed record RunMetrics(
    int Epochs,
    double? TrainLoss = null,
    double? ValidationLoss = null,
    double? ValidationMae = null,
    double? ValidationRmse = null,
    double? ValidationMase = null,
    string? Champion = null,
    double? ChampionMargin = null,
    int? SeasonLength = null);

/// <summary>
/// Everything a successful run publishes at once: the run record, its forecasts, and the model that made them.
/// <see cref="DataWatermark"/> is the timestamp of the newest point used; <see cref="NextDueAt"/> as in <see cref="RunOutcome"/>.
/// For live accuracy: <see cref="OriginValue"/> is the last observed value (naive's forecast for every step),
/// <see cref="NaiveScale"/> the mean absolute one-step change over the history trained on (the MASE scale),
/// <see cref="ShadowForecasts"/> the gate's choice when live-accuracy demotion published a baseline instead (scored as
/// <see cref="ShadowMethod"/>, never published), and <see cref="ReasonCode"/> why the published method differs from the champion gate's
/// choice.
/// <see cref="InputsVersion"/> is the series' <c>inputs_version</c> when the run claimed it.
/// </summary>
public sealed record RunPublication(
    long RunId,
    string SeriesKey,
    string InstanceId,
    DateTime FinishedAt,
    DateTime DataWatermark,
    int PointsUsed,
    bool WarmStarted,
    RunMetrics Metrics,
    IReadOnlyList<ForecastPoint> Forecasts,
    byte[] ModelBlob,
    int ModelFormatVersion,
    DateTime? NextDueAt = null,
    double? OriginValue = null,
    double? NaiveScale = null,
    IReadOnlyList<ForecastPoint>? ShadowForecasts = null,
    string? ShadowMethod = null,
    string? ReasonCode = null,
    long InputsVersion = 0);
