using Forecaster.Core.Intervals;
using Forecaster.Core.Scaling;

namespace Forecaster.Core.Champion;

/// <summary>
/// A baseline scored on the RNN's own validation windows: its price MAE, and split-conformal radii of its
/// residuals in the RNN scaler's standardized target units, so its intervals map to prices the same way.
/// </summary>
public sealed record BaselineScore(ForecastMethod Method, double Mae, ConformalCalibration Calibration)
{
    public static BaselineScore Measure(
        ForecastMethod method, ReadOnlySpan<double> values, SeriesScaler scaler, int firstEnd, int windows, int horizon,
        int seasonLength, IReadOnlyList<double> levels)
    {
        ArgumentNullException.ThrowIfNull(scaler);
        var residuals = new float[windows * horizon];
        var absolute = 0.0;
        for (var i = 0; i < windows; i++)
        {
            var end = firstEnd + i;
            for (var k = 1; k <= horizon; k++)
            {
                var forecast = BaselineForecasts.Point(method, values, end, k, seasonLength);
                var actual = values[end + k];
                absolute += Math.Abs(actual - forecast);
                residuals[(i * horizon) + k - 1] = (float)((Level(scaler, actual) - Level(scaler, forecast)) / scaler.TargetScale(k));
            }
        }

        var calibration = ConformalCalibration.Fit(levels, horizon, new float[residuals.Length], residuals);
        return new BaselineScore(method, absolute / residuals.Length, calibration);
    }

    private static double Level(SeriesScaler scaler, double value) => scaler.Kind == ScalingKind.LogReturns ? Math.Log(value) : value;
}
