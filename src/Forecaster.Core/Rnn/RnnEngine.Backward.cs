using System.Runtime.CompilerServices;
using Forecaster.Core.Rnn.Simd;

// Stryker disable all : hot inner loops, guarded by the agreement and gradient tests (see deploy/scripts/mutation.sh)
namespace Forecaster.Core.Rnn;

/// <summary>
/// BPTT. Per step only the delta recurrence runs (one product with the (1 − h²) factor fused into its
/// store); the weight gradients are then formed over all trained steps at once as one tall product,
/// in chunks of rows that stay in L2.
/// </summary>
internal sealed unsafe partial class RnnEngine<TLane, TVector>
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward(int batch)
    {
        var work = _work;
        int hp = work.PaddedHidden, stride = work.StateStride, hidden = work.Shape.HiddenSize;
        int horizon = work.Shape.Horizon, window = work.Window;
        nint slot = (nint)batch * stride;
        float* finalState = work.States + (window * slot);
        OutputLayerGradient(finalState, batch);

        var head = MatrixProduct.WithPackedM(work.Outputs, horizon, work.OutputPanels, horizon,
            work.Deltas + ((window - 1) * slot), stride, finalState);
        MicroKernel<TLane, TVector>.Multiply<TimesTanhDerivative>(head, batch, hp);
        int firstStep = window - _trainedSteps;
        for (int step = window - 1; step > firstStep; step--)
        {
            var recurrence = MatrixProduct.WithPackedM(work.Deltas + (step * slot), stride, work.Recurrent, hidden,
                work.Deltas + ((step - 1) * slot), stride, work.States + (step * slot));
            MicroKernel<TLane, TVector>.Multiply<TimesTanhDerivative>(recurrence, batch, hp);
        }

        WeightGradient(work.Deltas + (firstStep * slot), work.States + (firstStep * slot), _trainedSteps * batch);
    }

    /// <summary>
    /// [dW_hᵀ; dW_xᵀ; db] = Σ_n [h_{n−1} | x_n, 1]ᵀ ⊗ δ_n over the rows n of all trained steps, chunk by chunk:
    /// each chunk of states is packed into row panels, then streamed against the deltas.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WeightGradient(float* deltas, float* previousStates, int rows)
    {
        var work = _work;
        int stride = work.StateStride, hp = work.PaddedHidden, depth = work.ForwardDepth, chunk = work.GradientChunkRows;
        new Span<float>(work.ForwardGradient, depth * hp).Clear();
        for (int first = 0; first < rows; first += chunk)
        {
            nint offset = (nint)first * stride;
            int count = Math.Min(chunk, rows - first);
            MatrixProduct.PackRowPanels(previousStates + offset, stride, depth, count, work.PackedStates);
            var product = MatrixProduct.WithPackedA(work.PackedStates, deltas + offset, stride, count, work.ForwardGradient, hp);
            MicroKernel<TLane, TVector>.Multiply<Accumulate>(product, depth, hp);
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
