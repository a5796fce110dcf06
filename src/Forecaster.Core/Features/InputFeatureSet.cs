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

    /// <summary>Step matrix [steps][Width] for a whole series, built once per training or forecast.</summary>
    public void Write(ReadOnlySpan<double> levels, SeriesScaler scaler, Span<float> matrix)
    {
        var source = new FeatureSource(levels, scaler);
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
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown input feature kind."),
    };
}
