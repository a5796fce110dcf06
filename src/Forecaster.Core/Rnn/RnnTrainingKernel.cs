namespace Forecaster.Core.Rnn;

/// <summary>
/// Loss, gradient and forecasts of one Elman network over fixed-length windows, in float32 on one thread.
/// Every buffer is sized at construction so training steps allocate nothing. Not thread-safe: use one
/// instance per thread. Same semantics as <see cref="ReferenceRnn"/> (h_0 = 0, mean loss over batch × horizon).
/// </summary>
public sealed class RnnTrainingKernel
{
    private readonly IRnnEngine _engine;

    /// <param name="truncation">0 = full BPTT; t &gt; 0 = gradients flow back only through the last t steps.</param>
    public RnnTrainingKernel(RnnShape shape, int window, int maxBatch,
        LossKind loss = LossKind.MeanSquaredError, float huberDelta = 1f, int truncation = 0)
        : this(shape, window, maxBatch, loss, huberDelta, truncation, SimdWidths.Widest)
    {
    }

    /// <summary>Pins the vector width, so tests can exercise every path on one machine.</summary>
    internal RnnTrainingKernel(RnnShape shape, int window, int maxBatch, LossKind loss, float huberDelta, int truncation,
        SimdWidth width)
    {
        RnnArguments.CheckConfiguration(window, loss, huberDelta, truncation);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        Shape = shape;
        Window = window;
        MaxBatch = maxBatch;
        _engine = SimdWidths.CreateEngine(width, shape, window, maxBatch, loss, huberDelta, truncation == 0 ? window : truncation);
    }

    public RnnShape Shape { get; }

    public int Window { get; }

    public int MaxBatch { get; }

    /// <summary>Floats per SIMD vector of the path that runs (1 on the scalar path): benchmarks report it.</summary>
    internal int VectorLanes => _engine.VectorLanes;

    /// <summary>
    /// Mean loss over batch × horizon for <c>[batch][Window][InputSize]</c> inputs and <c>[batch][Horizon]</c>
    /// targets; overwrites <paramref name="gradient"/> (flat layout of <see cref="RnnShape"/>) with its gradient.
    /// </summary>
    public float LossAndGradient(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> targets, int batch, Span<float> gradient)
    {
        CheckCall(parameters, inputs, batch);
        RnnArguments.CheckLength(targets.Length, batch * Shape.Horizon, nameof(targets));
        RnnArguments.CheckLength(gradient.Length, Shape.ParameterCount, nameof(gradient));

        return _engine.LossAndGradient(parameters, inputs, targets, batch, gradient);
    }

    /// <summary>Mean loss over batch × horizon, without the gradient.</summary>
    public float Loss(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batch)
    {
        CheckCall(parameters, inputs, batch);
        RnnArguments.CheckLength(targets.Length, batch * Shape.Horizon, nameof(targets));

        return _engine.Loss(parameters, inputs, targets, batch);
    }

    /// <summary>Forecasts <c>[batch][Horizon]</c> into <paramref name="outputs"/>.</summary>
    public void Predict(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, int batch, Span<float> outputs)
    {
        CheckCall(parameters, inputs, batch);
        RnnArguments.CheckLength(outputs.Length, batch * Shape.Horizon, nameof(outputs));

        _engine.Predict(parameters, inputs, batch, outputs);
    }

    private void CheckCall(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, int batch)
    {
        RnnArguments.CheckBatch(batch, MaxBatch);
        RnnArguments.CheckData(Shape, Window, batch, parameters.Length, inputs.Length);
    }
}
