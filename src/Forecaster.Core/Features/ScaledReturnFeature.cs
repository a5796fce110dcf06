namespace Forecaster.Core.Features;

/// <summary>Feature 0: the step's return, standardized by training statistics and clipped.</summary>
public sealed class ScaledReturnFeature : IInputFeatureProvider
{
    public static ScaledReturnFeature Instance { get; } = new();

    public InputFeatureKind Kind => InputFeatureKind.ScaledReturn;

    public int Width => 1;

    public void Write(FeatureSource source, Span<float> matrix, int rowWidth, int column)
    {
        var levels = source.Levels;
        for (var step = 0; step < source.StepCount; step++)
        {
            matrix[(step * rowWidth) + column] = source.Scaler.ScaleReturn(levels[step + 1] - levels[step]);
        }
    }
}
