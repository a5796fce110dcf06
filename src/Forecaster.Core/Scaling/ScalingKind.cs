namespace Forecaster.Core.Scaling;

/// <summary>How prices become scale-free network inputs; persisted in the model file as one byte.</summary>
public enum ScalingKind
{
    /// <summary>Log returns when every value is positive, plain differences otherwise (resolved at training time).</summary>
    Auto = 0,

    /// <summary>Step input ln(v_t / v_{t-1}); forecasts multiply the last value by exp(·), so they stay positive.</summary>
    LogReturns = 1,

    /// <summary>Step input v_t − v_{t-1}; the fallback for series with zero or negative values.</summary>
    Differences = 2,
}
