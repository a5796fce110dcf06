using Forecaster.Core.Scaling;

namespace Forecaster.Core.Training;

/// <summary>Price-unit errors of the model and of the naive forecast over the validation windows.</summary>
internal readonly record struct ValidationErrors(double Mae, double Rmse, double Mase)
{
    public static ValidationErrors Measure(
        ReadOnlySpan<double> values, SeriesScaler scaler, int seasonalLag, ReadOnlySpan<int> windowEnds,
        ReadOnlySpan<float> outputs, int horizon)
    {
        double absolute = 0, squared = 0, naiveAbsolute = 0;
        for (var i = 0; i < windowEnds.Length; i++)
        {
            // Window ends count in the network's (possibly seasonally differenced) steps, which start a season late.
            var end = windowEnds[i] + seasonalLag;
            var last = values[end];
            for (var k = 0; k < horizon; k++)
            {
                var actual = values[end + k + 1];
                var basePrice = SeasonalDifferencing.Base(values, end, k + 1, seasonalLag, scaler.Kind);
                var error = scaler.ToPrice(basePrice, k + 1, outputs[(i * horizon) + k]) - actual;
                absolute += Math.Abs(error);
                squared += error * error;
                naiveAbsolute += Math.Abs(actual - last);
            }
        }

        var count = (double)windowEnds.Length * horizon;
        return new ValidationErrors(
            absolute / count,
            Math.Sqrt(squared / count),
            naiveAbsolute > 0 ? absolute / naiveAbsolute : double.NaN);
    }
}
