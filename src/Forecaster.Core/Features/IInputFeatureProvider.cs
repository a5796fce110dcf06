namespace Forecaster.Core.Features;

/// <summary>
/// Contributes <see cref="Width"/> columns to every step's input vector. Providers write whole columns of
/// the step matrix once per series, so windows can be views into that matrix instead of per-window copies.
/// </summary>
public interface IInputFeatureProvider
{
    InputFeatureKind Kind { get; }

    int Width { get; }

    /// <summary>
    /// Writes this provider's columns, starting at <paramref name="column"/>, for every step of
    /// <paramref name="source"/> into the row-major <paramref name="matrix"/> [steps][rowWidth].
    /// </summary>
    void Write(FeatureSource source, Span<float> matrix, int rowWidth, int column);
}
