namespace Forecaster.Core.Champion;

/// <summary>
/// Every contender's forecasts at the same validation origins (consecutive window ends, [origin][step] in prices)
/// beside what happened, so contenders are compared on exactly the same targets.
/// </summary>
public sealed class ValidationPanel
{
    private readonly double[] _actuals;
    private readonly Dictionary<ForecastMethod, double[]> _forecasts = [];

    public ValidationPanel(int firstEnd, int origins, int horizon, ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(origins, 1);
        FirstEnd = firstEnd;
        Origins = origins;
        Horizon = horizon;
        _actuals = new double[origins * horizon];
        for (var i = 0; i < origins; i++)
        {
            values.Slice(firstEnd + i + 1, horizon).CopyTo(_actuals.AsSpan(i * horizon, horizon));
        }
    }

    /// <summary>Index of the last observation of the first origin; origin i ends at <c>FirstEnd + i</c>.</summary>
    public int FirstEnd { get; }

    public int Origins { get; }

    public int Horizon { get; }

    public ReadOnlySpan<double> Actuals => _actuals;

    public IEnumerable<ForecastMethod> Methods => _forecasts.Keys;

    public void Add(ForecastMethod method, double[] forecasts)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        if (forecasts.Length != _actuals.Length)
        {
            throw new ArgumentException(
                $"Expected {_actuals.Length} forecasts ({Origins} origins × {Horizon} steps), got {forecasts.Length}.", nameof(forecasts));
        }

        _forecasts[method] = forecasts;
    }

    public bool Contains(ForecastMethod method) => _forecasts.ContainsKey(method);

    public ReadOnlySpan<double> Forecasts(ForecastMethod method) => _forecasts[method];

    /// <summary>Per origin, the mean absolute error over its steps.</summary>
    public double[] OriginLosses(ReadOnlySpan<double> forecasts)
    {
        var losses = new double[Origins];
        for (var i = 0; i < Origins; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < Horizon; k++)
            {
                sum += Math.Abs(_actuals[(i * Horizon) + k] - forecasts[(i * Horizon) + k]);
            }

            losses[i] = sum / Horizon;
        }

        return losses;
    }

    public double Mae(ReadOnlySpan<double> forecasts) => OriginLosses(forecasts).Average();
}
