namespace Forecaster.Core.Training;

/// <summary>
/// What a network's zero output forecasts, per window end and step, as a log level: the network is trained on
/// the correction to it rather than on the change from the last value, so it learns what the base cannot do.
/// Indexed by the window end in the values given to training; ends before <see cref="FirstEnd"/> have no base.
/// </summary>
public sealed class ForecastBase
{
    private readonly double[] _levels;

    /// <param name="levels">Row-major [end][step]: <c>levels[end·horizon + step − 1]</c>, for ends 0 .. count−1.</param>
    public ForecastBase(double[] levels, int horizon, int firstEnd)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (levels.Length % horizon != 0)
        {
            throw new ArgumentException("Need one level per end and step.", nameof(levels));
        }

        _levels = levels;
        Horizon = horizon;
        FirstEnd = firstEnd;
    }

    public int Horizon { get; }

    public int FirstEnd { get; }

    /// <summary>Window ends covered: 0 .. EndCount − 1.</summary>
    public int EndCount => _levels.Length / Horizon;

    public double Level(int end, int step) => _levels[(end * Horizon) + step - 1];

    /// <summary>The base from <paramref name="offset"/> on, re-indexed so that end <paramref name="offset"/> becomes end 0.</summary>
    internal ForecastBase From(int offset) => offset == 0
        ? this
        : new ForecastBase(_levels[(offset * Horizon)..], Horizon, Math.Max(0, FirstEnd - offset));
}
