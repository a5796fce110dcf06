namespace Forecaster.Core.Calendar;

/// <summary>A constant step: calendar days, regular intraday bars, or the median spacing of irregular ticks.</summary>
public sealed class FixedIntervalCadence : Cadence
{
    public FixedIntervalCadence(TimeSpan interval, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Interval = interval;
        Description = $"every {interval:c} ({reason})";
    }

    public TimeSpan Interval { get; }

    /// <summary>False for the median spacing of irregular ticks: a step of elapsed time, not of the calendar.</summary>
    internal bool Calendar { get; init; } = true;

    public override string Description { get; }

    public override DateTime SlotAfter(DateTime observation) => observation + Interval;
}
