namespace Forecaster.Core.Models;

/// <summary>What a network's zero output forecasts: the correction it learned is relative to this. Persisted as one byte.</summary>
public enum NetworkBase
{
    /// <summary>The last value (or, with a seasonal lag, seasonal naive grown by the last seasonal change): model formats 1 and
    /// 2.</summary>
    LastValue = 0,

    /// <summary>The series' direct linear autoregression with seasonal anchors (<see cref="Linear.DirectRidge"/>).</summary>
    Linear = 1,
}
