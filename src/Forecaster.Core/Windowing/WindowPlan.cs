using System.Globalization;
using Forecaster.Core.Training;
using Forecaster.Core.Validation;

namespace Forecaster.Core.Windowing;

/// <summary>
/// Which windows train and which validate, for a series of <c>n</c> points. A window is named by the index
/// <c>e</c> of its last observed value: it reads the W steps ending at e (values e−W..e) and targets values
/// e+1..e+K, so e runs over [W, n−1−K]. Validation takes the chronologically last windows; the K−1 windows
/// before them are dropped so no training target is also a validation target.
/// </summary>
internal readonly record struct WindowPlan(int Window, int TrainingWindows, int ValidationWindows, int FirstValidationEnd,
    int FirstTrainingEnd)
{

    /// <summary>Index of the last value any training target touches; scaler statistics stop there.</summary>
    public int LastTrainingTargetIndex(int horizon) => FirstTrainingEnd + TrainingWindows - 1 + horizon;

    /// <summary>The largest window from the requested one down to the minimum that leaves enough windows.</summary>
    /// <param name="earliestEnd">No window may end before this index (a forecast base that needs history of its own).</param>
    public static WindowPlan Create(int pointCount, TrainingSettings settings, int earliestEnd = 0)
    {
        for (var window = settings.Window; window >= settings.MinWindow; window--)
        {
            var plan = TryCreate(pointCount, window, settings, earliestEnd);
            if (plan is not null)
            {
                return plan.Value;
            }
        }

        throw new ForecastInputException(
            ForecastInputError.SeriesTooShort,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{pointCount} points are too few: even window {settings.MinWindow} with horizon {settings.Horizon} " +
                $"leaves fewer than {settings.MinTrainingWindows} training and {settings.MinValidationWindows} validation windows."));
    }

    private static WindowPlan? TryCreate(int pointCount, int window, TrainingSettings settings, int earliestEnd)
    {
        var horizon = settings.Horizon;
        var firstEnd = Math.Max(window, earliestEnd);
        var total = pointCount - horizon - firstEnd;
        var validation = Math.Max(settings.MinValidationWindows, (int)Math.Ceiling(settings.ValidationFraction * total));
        var training = total - validation - (horizon - 1);
        return training >= settings.MinTrainingWindows
            ? new WindowPlan(window, training, validation, pointCount - horizon - validation, firstEnd)
            : null;
    }
}
