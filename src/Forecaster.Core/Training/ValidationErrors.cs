namespace Forecaster.Core.Training;

/// <summary>Price-unit errors of the model and of the naive forecast over the validation windows.</summary>
internal readonly record struct ValidationErrors(double Mae, double Rmse, double Mase)
{
    /// <param name="forecasts">The model's prices per window and step, [window][step].</param>
    public static ValidationErrors Measure(
        ReadOnlySpan<double> values, ReadOnlySpan<int> windowEnds, ReadOnlySpan<double> forecasts, int horizon)
    {
        double absolute = 0, squared = 0, naiveAbsolute = 0;
        for (var i = 0; i < windowEnds.Length; i++)
        {
            var end = windowEnds[i];
            var last = values[end];
            for (var k = 0; k < horizon; k++)
            {
                var actual = values[end + k + 1];
                var error = forecasts[(i * horizon) + k] - actual;
                absolute += Math.Abs(error);
                squared += error * error;
                naiveAbsolute += Math.Abs(actual - last);
            }
        }

        var count = (double)windowEnds.Length * horizon;
        return new ValidationErrors(absolute / count, Math.Sqrt(squared / count),
            naiveAbsolute > 0 ? absolute / naiveAbsolute : double.NaN);
    }
}
