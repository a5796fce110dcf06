using System.Runtime.CompilerServices;
using Forecaster.Core.Rnn.Simd;

// Stryker disable all : hot inner loops, guarded by the agreement and gradient tests (see deploy/scripts/mutation.sh)
namespace Forecaster.Core.Rnn;

/// <summary>
/// The forward pass and the head of the network for one vector type. Each time step is one pass of the
/// register-blocked <see cref="MicroKernel{TLane, TVector}"/> over <c>[h_{t−1} | x_t, 1]·[W_hᵀ; W_xᵀ; b]</c>
/// with tanh fused into the tile's store.
/// </summary>
internal sealed unsafe partial class RnnEngine<TLane, TVector> : IRnnEngine
    where TLane : ILane<TVector>
    where TVector : unmanaged
{
    private readonly RnnWorkspace _work;
    private readonly LossKind _loss;
    private readonly float _huberDelta;
    private readonly int _trainedSteps;

    public RnnEngine(RnnShape shape, int window, int maxBatch, LossKind loss, float huberDelta, int trainedSteps)
    {
        _work = new RnnWorkspace(shape, window, maxBatch, TLane.Count);
        _loss = loss;
        _huberDelta = huberDelta;
        _trainedSteps = trainedSteps;
    }

    public int VectorLanes => TLane.Count;

    public float LossAndGradient(
        ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> targets,
        int batch,
        Span<float> gradient)
    {
        _work.Pack(parameters);
        float* finalState = Forward(inputs, batch, keepAllStates: true);
        float loss = HeadLoss(finalState, targets, batch, keepOutputGradient: true);
        Backward(batch);
        _work.UnpackGradient(gradient);
        return loss;
    }

    public float Loss(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batch)
    {
        _work.Pack(parameters);
        return HeadLoss(Forward(inputs, batch, keepAllStates: false), targets, batch, keepOutputGradient: false);
    }

    public void Predict(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, int batch, Span<float> outputs)
    {
        _work.Pack(parameters);
        Head(Forward(inputs, batch, keepAllStates: false), batch, outputs);
    }

    /// <summary>Runs all steps and returns the final state; inference ping-pongs between two state slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float* Forward(ReadOnlySpan<float> inputs, int batch, bool keepAllStates)
    {
        var work = _work;
        int hp = work.PaddedHidden, stride = work.StateStride, window = work.Window;
        nint slot = (nint)batch * stride;
        new Span<float>(work.States, (int)slot).Clear();
        float* previous = work.States;
        fixed (float* x = inputs)
        {
            for (int step = 0; step < window; step++)
            {
                float* current = keepAllStates ? previous + slot : work.States + (((step + 1) & 1) * slot);
                WriteInputTails(previous, x, step, batch);
                var product = MatrixProduct.WithPackedM(previous, stride, work.ForwardWeights, work.ForwardDepth, current, stride);
                MicroKernel<TLane, TVector>.Multiply<Tanh>(product, batch, hp);
                previous = current;
            }
        }

        return previous;
    }

    /// <summary>Puts x_step and the bias's 1 behind each state that the step consumes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteInputTails(float* states, float* inputs, int step, int batch)
    {
        int window = _work.Window, inputSize = _work.Shape.InputSize, stride = _work.StateStride;
        float* tail = states + _work.PaddedHidden;
        float* source = inputs + ((nint)step * inputSize);
        nint sampleLength = (nint)window * inputSize;
        for (int b = 0; b < batch; b++)
        {
            for (int i = 0; i < inputSize; i++)
            {
                tail[i] = source[i];
            }

            tail[inputSize] = 1f;
            tail += stride;
            source += sampleLength;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Head(float* finalState, int batch, Span<float> outputs)
    {
        int hp = _work.PaddedHidden, stride = _work.StateStride, horizon = _work.Shape.Horizon;
        for (int b = 0; b < batch; b++)
        {
            for (int k = 0; k < horizon; k++)
            {
                outputs[(b * horizon) + k] = _work.OutputBias[k] + Dot(finalState + (b * stride), _work.Output + (k * hp), hp);
            }
        }
    }

    /// <summary>The mean loss; optionally leaves d(loss)/d(output) in the workspace's outputs for the backward pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float HeadLoss(float* finalState, ReadOnlySpan<float> targets, int batch, bool keepOutputGradient)
    {
        var outputs = new Span<float>(_work.Outputs, targets.Length);
        Head(finalState, batch, outputs);
        float total = 0, scale = 1f / outputs.Length;
        for (int n = 0; n < outputs.Length; n++)
        {
            float difference = outputs[n] - targets[n];
            total += PointLoss.Value(_loss, difference, _huberDelta);
            if (keepOutputGradient)
            {
                outputs[n] = scale * PointLoss.Derivative(_loss, difference, _huberDelta);
            }
        }

        return total * scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Dot(float* x, float* y, int length)
    {
        var sum = TLane.Zero;
        for (int n = 0; n < length; n += TLane.Count)
        {
            sum = TLane.MultiplyAdd(TLane.Load(x + n), TLane.Load(y + n), sum);
        }

        return TLane.Sum(sum);
    }
}
