using System.Globalization;

namespace Forecaster.Core.Seasonality;

/// <summary>
/// A cycle of <see cref="Period"/> observations. Periods need not be whole numbers (a year of weekly data is
/// 52.18 weeks); <see cref="Lag"/> is the nearest whole number of observations, which seasonal naive and the
/// seasonal inputs read back.
/// </summary>
public readonly record struct Season
{
    public Season(double period)
    {
        if (!(period >= 2) || !double.IsFinite(period))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A season spans at least two observations.");
        }

        Period = period;
    }

    public double Period { get; }

    public int Lag => (int)Math.Round(Period, MidpointRounding.AwayFromZero);

    public override string ToString() => Period.ToString("0.##", CultureInfo.InvariantCulture);
}
