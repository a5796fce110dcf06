using Forecaster.Core.Features;
using Forecaster.Core.Scaling;
using Forecaster.Core.Training;

namespace Forecaster.Core.Windowing;

/// <summary>
/// One series turned into network inputs once: a step matrix [steps][I] plus the levels targets are read
/// from. Windows are offsets into it; mini-batches are gathered into caller-owned buffers, so nothing is
/// allocated per window or per batch.
/// </summary>
internal sealed class WindowBank
{
    private readonly float[] _steps;
    private readonly double[] _levels;
    private readonly double[] _inverseTargetScale;
    private readonly ForecastBase? _base;

    /// <param name="forecastBase">Targets are corrections to this base; null: changes from each window's last level.</param>
    public WindowBank(
        ReadOnlySpan<double> levels,
        SeriesScaler scaler,
        InputFeatureSet features,
        int window,
        int horizon,
        ReadOnlySpan<DateTime> timestamps = default,
        ForecastBase? forecastBase = null)
    {
        _levels = levels.ToArray();
        _base = forecastBase;
        InputSize = features.Width;
        Window = window;
        Horizon = horizon;
        _steps = new float[(levels.Length - 1) * InputSize];
        features.Write(levels, scaler, timestamps, _steps);
        _inverseTargetScale = new double[horizon];
        for (var k = 1; k <= horizon; k++)
        {
            _inverseTargetScale[k - 1] = 1.0 / scaler.TargetScale(k);
        }
    }

    public int InputSize { get; }

    public int Window { get; }

    public int Horizon { get; }

    public int WindowInputLength => Window * InputSize;

    /// <summary>Step s moves from value s to s+1, so the W steps ending at value e start at row e−W.</summary>
    public ReadOnlySpan<float> InputsOf(int windowEnd) => _steps.AsSpan((windowEnd - Window) * InputSize, WindowInputLength);

    public void WriteTargets(int windowEnd, Span<float> destination)
    {
        for (var k = 0; k < Horizon; k++)
        {
            destination[k] = (float)((_levels[windowEnd + k + 1] - BaseLevel(windowEnd, k + 1)) * _inverseTargetScale[k]);
        }
    }

    /// <summary>The level a zero output forecasts <paramref name="step"/> observations after <paramref name="windowEnd"/>.</summary>
    public double BaseLevel(int windowEnd, int step) => _base is null ? _levels[windowEnd] : _base.Level(windowEnd, step);

    public void Gather(ReadOnlySpan<int> windowEnds, Span<float> inputs, Span<float> targets)
    {
        for (var i = 0; i < windowEnds.Length; i++)
        {
            InputsOf(windowEnds[i]).CopyTo(inputs.Slice(i * WindowInputLength, WindowInputLength));
            WriteTargets(windowEnds[i], targets.Slice(i * Horizon, Horizon));
        }
    }
}
