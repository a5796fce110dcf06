using Forecaster.Core.Scaling;

namespace Forecaster.Core.Features;

/// <summary>The ordered providers behind a model's input vector; rebuilt from persisted kinds at load time.</summary>
public sealed class InputFeatureSet
{
    private readonly IInputFeatureProvider[] _providers;

    public InputFeatureSet(IReadOnlyList<InputFeatureKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        _providers = [.. kinds.Select(Create)];
        Kinds = [.. kinds];
        Width = _providers.Sum(p => p.Width);
    }

    public IReadOnlyList<InputFeatureKind> Kinds { get; }

    /// <summary>I: inputs per step.</summary>
    public int Width { get; }

    /// <summary>True when a provider reads calendar positions, so training and forecasts need timestamps.</summary>
    public bool NeedsTimestamps => Kinds.Any(kind => kind is InputFeatureKind.MonthOfYear or InputFeatureKind.HourOfWeek);

    /// <summary>Step matrix [steps][Width] for a whole series, built once per training or forecast.</summary>
    /// <param name="timestamps">One UTC stamp per level, or empty when no provider needs them.</param>
    public void Write(ReadOnlySpan<double> levels, SeriesScaler scaler, ReadOnlySpan<DateTime> timestamps, Span<float> matrix)
    {
        var source = new FeatureSource(levels, scaler, timestamps);
        var column = 0;
        foreach (var provider in _providers)
        {
            provider.Write(source, matrix, Width, column);
            column += provider.Width;
        }
    }

    private static IInputFeatureProvider Create(InputFeatureKind kind) => kind switch
    {
        InputFeatureKind.ScaledReturn => ScaledReturnFeature.Instance,
        InputFeatureKind.MonthOfYear => CalendarPositionFeature.MonthOfYear,
        InputFeatureKind.HourOfWeek => CalendarPositionFeature.HourOfWeek,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown input feature kind."),
    };
}
