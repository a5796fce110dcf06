using System.Runtime.CompilerServices;
using Forecaster.Core.Rnn.Simd;

namespace Forecaster.Core.Rnn;

/// <summary>
/// BPTT. Per step only the delta recurrence runs (one product with the (1 − h²) factor fused into its
/// store); the weight gradients are then formed over all trained steps at once as two tall products,
/// in chunks of rows that stay in L2.
/// </summary>
internal sealed unsafe partial class RnnEngine<TLane, TVector>
{
    // Rows of the [(steps·batch) × hidden] delta and state matrices per chunk: ~128 KiB of each.
    private const int ChunkFloats = 32 * 1024;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward(int batch)
    {
        var work = _work;
        int hp = work.PaddedHidden, stride = work.StateStride, hidden = work.Shape.HiddenSize;
        int horizon = work.Shape.Horizon, window = work.Window;
        nint slot = (nint)batch * stride;
        float* finalState = work.States + (window * slot);
        OutputLayerGradient(finalState, batch);

        var head = new MatrixProduct(work.Outputs, horizon, 1, work.Output, hp, horizon,
            work.Deltas + ((window - 1) * slot), stride, finalState);
        MicroKernel<TLane, TVector>.Multiply<TimesTanhDerivative>(head, batch, hp);
        int firstStep = window - _trainedSteps;
        for (int step = window - 1; step > firstStep; step--)
        {
            var recurrence = new MatrixProduct(work.Deltas + (step * slot), stride, 1, work.Recurrent, hp, hidden,
                work.Deltas + ((step - 1) * slot), stride, work.States + (step * slot));
            MicroKernel<TLane, TVector>.Multiply<TimesTanhDerivative>(recurrence, batch, hp);
        }

        StateGradient(work.Deltas + (firstStep * slot), work.States + (firstStep * slot), _trainedSteps * batch);
    }

    /// <summary>[dW_h | dW_x | db] = Σ_n δ_n ⊗ [h_{n−1} | x_n, 1] over the rows n of all trained steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StateGradient(float* deltas, float* previousStates, int rows)
    {
        var work = _work;
        int stride = work.StateStride;
        new Span<float>(work.StateGradient, work.PaddedHidden * stride).Clear();
        int chunk = Math.Max(1, ChunkFloats / stride);
        for (int first = 0; first < rows; first += chunk)
        {
            nint offset = (nint)first * stride;
            var product = new MatrixProduct(deltas + offset, 1, stride, previousStates + offset, stride,
                Math.Min(chunk, rows - first), work.StateGradient, stride);
            MicroKernel<TLane, TVector>.Multiply<Accumulate>(product, work.Shape.HiddenSize, stride);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OutputLayerGradient(float* finalState, int batch)
    {
        var work = _work;
        int hp = work.PaddedHidden, horizon = work.Shape.Horizon;
        new Span<float>(work.OutputGradient, horizon * hp).Clear();
        new Span<float>(work.OutputBiasGradient, horizon).Clear();
        for (int b = 0; b < batch; b++)
        {
            float* state = finalState + (b * work.StateStride);
            for (int k = 0; k < horizon; k++)
            {
                float g = work.Outputs[(b * horizon) + k];
                work.OutputBiasGradient[k] += g;
                var scale = TLane.Create(g);
                float* row = work.OutputGradient + (k * hp);
                for (int j = 0; j < hp; j += TLane.Count)
                {
                    TLane.Store(row + j, TLane.MultiplyAdd(scale, TLane.Load(state + j), TLane.Load(row + j)));
                }
            }
        }
    }
}
