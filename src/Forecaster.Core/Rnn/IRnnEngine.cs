namespace Forecaster.Core.Rnn;

/// <summary>One SIMD specialization of the kernel's passes; arguments are already validated.</summary>
internal interface IRnnEngine
{
    /// <summary>Floats per vector of this specialization (1 on the scalar path).</summary>
    int VectorLanes { get; }

    float LossAndGradient(
        ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> targets,
        int batch,
        Span<float> gradient);

    float Loss(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batch);

    void Predict(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, int batch, Span<float> outputs);
}
