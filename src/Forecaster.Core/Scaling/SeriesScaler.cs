using System.Globalization;
using Forecaster.Core.Validation;

namespace Forecaster.Core.Scaling;

/// <summary>
/// Maps prices to what the network sees and back. A step's input is its return (log or plain difference)
/// standardized by the training returns' mean and standard deviation and clipped. The target for step k is
/// the cumulative return from the last observed value, divided by <c>σ·√k</c> and not centred, so an output
/// of exactly 0 is exactly "no change" and every step's target has roughly unit variance.
/// </summary>
public sealed class SeriesScaler
{
    public SeriesScaler(ScalingKind kind, double returnMean, double returnStd, double inputClip)
    {
        if (kind is not (ScalingKind.LogReturns or ScalingKind.Differences))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A fitted scaler is either LogReturns or Differences.");
        }

        if (!double.IsFinite(returnMean) || !(returnStd > 0) || !double.IsFinite(returnStd) || !(inputClip > 0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(returnStd),
                "Scaler statistics must be finite with a positive standard deviation and clip.");
        }

        Kind = kind;
        ReturnMean = returnMean;
        ReturnStd = returnStd;
        InputClip = inputClip;
    }

    public ScalingKind Kind { get; }

    public double ReturnMean { get; }

    public double ReturnStd { get; }

    public double InputClip { get; }

    /// <summary>Resolves <see cref="ScalingKind.Auto"/> and refuses log scaling of non-positive values.</summary>
    public static ScalingKind Resolve(ScalingKind requested, ReadOnlySpan<double> values, int indexOffset)
    {
        switch (requested)
        {
            case ScalingKind.Auto:
                return SeriesValidator.AllPositive(values) ? ScalingKind.LogReturns : ScalingKind.Differences;
            case ScalingKind.LogReturns:
                SeriesValidator.RequirePositive(values, indexOffset);
                return requested;
            default:
                return requested;
        }
    }

    /// <summary>Fits mean and std on the returns of <paramref name="levels"/> up to and including <paramref name="lastIndex"/>.</summary>
    public static SeriesScaler Fit(ScalingKind kind, ReadOnlySpan<double> levels, int lastIndex, double inputClip)
    {
        var count = lastIndex;
        var sum = 0.0;
        for (var t = 1; t <= lastIndex; t++)
        {
            sum += levels[t] - levels[t - 1];
        }

        var mean = sum / count;
        var squares = 0.0;
        for (var t = 1; t <= lastIndex; t++)
        {
            var deviation = levels[t] - levels[t - 1] - mean;
            squares += deviation * deviation;
        }

        var std = Math.Sqrt(squares / count);
        if (!(std > 0) || !double.IsFinite(std))
        {
            throw new ForecastInputException(
                ForecastInputError.ConstantSeries,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The {count} training returns have no variation (std {std}); nothing to learn."));
        }

        return new SeriesScaler(kind, mean, std, inputClip);
    }

    /// <summary>The value in the space where returns are differences: ln(v) for log scaling, v otherwise.</summary>
    public static void ToLevels(ScalingKind kind, ReadOnlySpan<double> values, Span<double> levels)
    {
        for (var i = 0; i < values.Length; i++)
        {
            levels[i] = kind == ScalingKind.LogReturns ? Math.Log(values[i]) : values[i];
        }
    }

    public float ScaleReturn(double levelChange) =>
        (float)Math.Clamp((levelChange - ReturnMean) / ReturnStd, -InputClip, InputClip);

    /// <summary>Divisor that turns a cumulative level change over <paramref name="step"/> steps into a target.</summary>
    public double TargetScale(int step) => ReturnStd * Math.Sqrt(step);

    /// <summary>Price <paramref name="step"/> steps after <paramref name="lastValue"/> for a scaled network output.</summary>
    public double ToPrice(double lastValue, int step, double scaledOutput)
    {
        var levelChange = scaledOutput * TargetScale(step);
        return Kind == ScalingKind.LogReturns ? lastValue * Math.Exp(levelChange) : lastValue + levelChange;
    }
}
