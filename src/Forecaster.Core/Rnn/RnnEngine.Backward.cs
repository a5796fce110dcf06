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

    private void Backward(int batch)
    {
        var work = _work;
        int hp = work.PaddedHidden, hidden = work.Shape.HiddenSize, horizon = work.Shape.Horizon, window = work.Window;
        nint slot = (nint)batch * hp;
        float* finalState = work.States + (window * slot);
        OutputLayerGradient(finalState, batch);

        var head = new MatrixProduct(work.Outputs, horizon, 1, work.Output, horizon,
            work.Deltas + ((window - 1) * slot), hp, finalState);
        MicroKernel<TLane, TVector>.Multiply<TimesTanhDerivative>(head, batch, hp);
        int firstStep = window - _trainedSteps;
        for (int step = window - 1; step > firstStep; step--)
        {
            var recurrence = new MatrixProduct(work.Deltas + (step * slot), hp, 1, work.Recurrent, hidden,
                work.Deltas + ((step - 1) * slot), hp, work.States + (step * slot));
            MicroKernel<TLane, TVector>.Multiply<TimesTanhDerivative>(recurrence, batch, hp);
        }

        WeightGradients(work.Deltas + (firstStep * slot), work.States + (firstStep * slot),
            work.AugmentedInputs + ((nint)firstStep * batch * (work.Shape.InputSize + 1)), _trainedSteps * batch);
    }

    /// <summary>dW_h = Σ δ_n ⊗ h_{n−1} and [dW_x; db] = Σ δ_n ⊗ [x_n, 1] over the rows n of all trained steps.</summary>
    private void WeightGradients(float* deltas, float* previousStates, float* augmentedInputs, int rows)
    {
        var work = _work;
        int hp = work.PaddedHidden, hidden = work.Shape.HiddenSize, augmented = work.Shape.InputSize + 1;
        new Span<float>(work.RecurrentGradient, hp * hp).Clear();
        new Span<float>(work.InputAndBiasGradient, augmented * hp).Clear();
        int chunk = Math.Max(1, ChunkFloats / hp);
        for (int first = 0; first < rows; first += chunk)
        {
            int count = Math.Min(chunk, rows - first);
            float* chunkDeltas = deltas + ((nint)first * hp);
            var recurrent = new MatrixProduct(chunkDeltas, 1, hp, previousStates + ((nint)first * hp), count,
                work.RecurrentGradient, hp);
            MicroKernel<TLane, TVector>.Multiply<Accumulate>(recurrent, hidden, hp);
            var input = new MatrixProduct(augmentedInputs + ((nint)first * augmented), 1, augmented, chunkDeltas, count,
                work.InputAndBiasGradient, hp);
            MicroKernel<TLane, TVector>.Multiply<Accumulate>(input, augmented, hp);
        }
    }

    private void OutputLayerGradient(float* finalState, int batch)
    {
        var work = _work;
        int hp = work.PaddedHidden, horizon = work.Shape.Horizon;
        new Span<float>(work.OutputGradient, horizon * hp).Clear();
        new Span<float>(work.OutputBiasGradient, horizon).Clear();
        for (int b = 0; b < batch; b++)
        {
            float* state = finalState + (b * hp);
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
