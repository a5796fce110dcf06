namespace Forecaster.Core.Champion;

/// <summary>Ways a series can be forecast: the network or one of the baselines it has to beat.</summary>
public enum ForecastMethod
{
    Rnn,

    /// <summary>The last value for every step (the random walk).</summary>
    Naive,

    /// <summary>The value one season before each target.</summary>
    SeasonalNaive,

    /// <summary>The last value plus the average change over the recent history, per step.</summary>
    Drift,

    /// <summary>A direct multi-step ridge autoregression on recent values and seasonal anchors (the network's base).</summary>
    Linear,

    /// <summary>Seasonal naive grown by the mean change over the last season (a trending season).</summary>
    SeasonalDrift,
}

public static class ForecastMethodNames
{
    /// <summary>The name stored in <c>forecast_runs.champion</c>, backtest rows and reports.</summary>
    public static string Name(this ForecastMethod method) => method switch
    {
        ForecastMethod.Rnn => "rnn",
        ForecastMethod.Naive => "naive",
        ForecastMethod.SeasonalNaive => "seasonal_naive",
        ForecastMethod.Drift => "drift",
        ForecastMethod.Linear => "linear",
        ForecastMethod.SeasonalDrift => "seasonal_drift",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown forecast method."),
    };
}
