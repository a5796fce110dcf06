using Forecaster.Core.Models;

namespace Forecaster.Core.Training;

/// <summary>
/// The trained model and how training went. Losses are in standardized target units (comparable across
/// series); MAE/RMSE are in price units on the validation tail with the restored best weights.
/// </summary>
public sealed record TrainingResult
{
    public required SeriesModel Model { get; init; }

    public required int EpochsRun { get; init; }

    /// <summary>Epoch whose weights were kept; 0 means the starting weights (fresh or warm) were never beaten.</summary>
    public required int BestEpoch { get; init; }

    /// <summary>True when patience ran out before <see cref="TrainingSettings.MaxEpochs"/>.</summary>
    public required bool StoppedEarly { get; init; }

    /// <summary>True when the training loss became non-finite; the best finite weights were kept.</summary>
    public required bool Diverged { get; init; }

    /// <summary>Mean training loss of the best epoch (for epoch 0: of the starting weights).</summary>
    public required double TrainLoss { get; init; }

    public required double ValidationLoss { get; init; }

    public required double InitialTrainLoss { get; init; }

    /// <summary>Validation loss of the starting weights; for a warm start, the earlier model's loss on today's data.</summary>
    public required double InitialValidationLoss { get; init; }

    /// <summary>Validation loss of always forecasting "no change", the bar a model has to clear.</summary>
    public required double NaiveValidationLoss { get; init; }

    public required double ValidationMae { get; init; }

    public required double ValidationRmse { get; init; }

    /// <summary>
    /// Validation MAE divided by the MAE of the naive (last value) forecast on the same validation windows and
    /// steps: below 1 beats naive. NaN when the naive forecast is exact everywhere.
    /// </summary>
    public required double ValidationMase { get; init; }

    public required int TrainingWindows { get; init; }

    public required int ValidationWindows { get; init; }

    /// <summary>
    /// Index, in the values given to training, of the last observed value of the first validation window;
    /// validation windows end at consecutive indices from here, so baselines can be scored on the same windows.
    /// </summary>
    public required int FirstValidationEnd { get; init; }

    /// <summary>Points the model saw: the series' tail of at most <see cref="TrainingSettings.MaxTrainingPoints"/>.</summary>
    public required int PointsUsed { get; init; }

    /// <summary>Window used; below the requested one when the series was too short for it.</summary>
    public required int WindowUsed { get; init; }

    public bool WindowShrunk => WindowUsed < Model.Settings.Window;

    public required TimeSpan Elapsed { get; init; }

    public required WarmStartOutcome WarmStart { get; init; }

    /// <summary>The network's prices at the validation windows, [window][step], in window order from <see
    /// cref="FirstValidationEnd"/>.</summary>
    public required IReadOnlyList<double> ValidationForecasts { get; init; }

    public bool WarmStarted => WarmStart == WarmStartOutcome.Applied;
}
