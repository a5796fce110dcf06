namespace Forecaster.Core.Rnn;

/// <summary>
/// Loss, gradient and forecasts of one Elman network over fixed-length windows, in float32 on one thread.
/// Every buffer is sized at construction so training steps allocate nothing. Not thread-safe: use one
/// instance per thread. Same semantics as <see cref="ReferenceRnn"/> (h_0 = 0, mean loss over batch × horizon).
/// </summary>
public sealed class RnnTrainingKernel
{
    private readonly LossKind _loss;
    private readonly float _huberDelta;
    private readonly int _trainedSteps;
    private readonly RnnWorkspace _work;

    /// <param name="truncation">0 = full BPTT; t &gt; 0 = gradients flow back only through the last t steps.</param>
    public RnnTrainingKernel(RnnShape shape, int window, int maxBatch,
        LossKind loss = LossKind.MeanSquaredError, float huberDelta = 1f, int truncation = 0)
    {
        RnnArguments.CheckConfiguration(window, loss, huberDelta, truncation);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        Shape = shape;
        Window = window;
        MaxBatch = maxBatch;
        _loss = loss;
        _huberDelta = huberDelta;
        _trainedSteps = truncation == 0 ? window : truncation;
        _work = new RnnWorkspace(shape, window, maxBatch);
    }

    public RnnShape Shape { get; }

    public int Window { get; }

    public int MaxBatch { get; }

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

        _work.Pack(parameters);
        RnnPasses.Forward(_work, inputs, batch, keepAllStates: true);
        float loss = RnnPasses.HeadLossAndGradient(_work, targets, batch, _loss, _huberDelta);
        RnnPasses.Backward(_work, inputs, batch, _trainedSteps);
        _work.UnpackGradient(gradient);
        return loss;
    }

    /// <summary>Mean loss over batch × horizon, without the gradient.</summary>
    public float Loss(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batch)
    {
        CheckCall(parameters, inputs, batch);
        RnnArguments.CheckLength(targets.Length, batch * Shape.Horizon, nameof(targets));

        _work.Pack(parameters);
        RnnPasses.Forward(_work, inputs, batch, keepAllStates: false);
        return RnnPasses.HeadLoss(_work, targets, batch, _loss, _huberDelta);
    }

    /// <summary>Forecasts <c>[batch][Horizon]</c> into <paramref name="outputs"/>.</summary>
    public void Predict(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, int batch, Span<float> outputs)
    {
        CheckCall(parameters, inputs, batch);
        RnnArguments.CheckLength(outputs.Length, batch * Shape.Horizon, nameof(outputs));

        _work.Pack(parameters);
        RnnPasses.Forward(_work, inputs, batch, keepAllStates: false);
        RnnPasses.Head(_work, batch, outputs);
    }

    private void CheckCall(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, int batch)
    {
        RnnArguments.CheckBatch(batch, MaxBatch);
        RnnArguments.CheckData(Shape, Window, batch, parameters.Length, inputs.Length);
    }
}
