namespace Forecaster.Core.Rnn;

/// <summary>The forward pass, the head with its loss, and BPTT over an <see cref="RnnWorkspace"/>.</summary>
internal static class RnnPasses
{
    public static void Forward(RnnWorkspace work, ReadOnlySpan<float> inputs, int batch, bool keepAllStates)
    {
        int slotLength = batch * work.PaddedHidden;
        var states = work.States.AsSpan();
        states[..slotLength].Clear();
        int window = work.Window;
        for (int step = 0; step < window; step++)
        {
            // Prediction only needs the latest state, so it ping-pongs between two slots.
            int previous = keepAllStates ? step : step & 1;
            int current = keepAllStates ? step + 1 : (step + 1) & 1;
            StepKernels.Forward(work, inputs, step, batch,
                states.Slice(previous * slotLength, slotLength), states.Slice(current * slotLength, slotLength));
        }

        work.FinalStateOffset = (keepAllStates ? window : window & 1) * slotLength;
    }

    public static void Head(RnnWorkspace work, int batch, Span<float> outputs)
    {
        int hp = work.PaddedHidden, horizon = work.Shape.Horizon;
        var states = work.States.AsSpan(work.FinalStateOffset, batch * hp);
        for (int b = 0; b < batch; b++)
        {
            var state = states.Slice(b * hp, hp);
            for (int k = 0; k < horizon; k++)
            {
                outputs[(b * horizon) + k] = work.OutputBias[k] + Dot(state, work.Output.AsSpan(k * hp, hp));
            }
        }
    }

    public static float HeadLoss(RnnWorkspace work, ReadOnlySpan<float> targets, int batch, LossKind loss, float huberDelta)
    {
        var outputs = work.Outputs.AsSpan(0, targets.Length);
        Head(work, batch, outputs);
        float total = 0;
        for (int n = 0; n < outputs.Length; n++)
        {
            total += PointLoss.Value(loss, outputs[n] - targets[n], huberDelta);
        }

        return total / outputs.Length;
    }

    /// <summary>Returns the loss and leaves d(loss)/d(output) in <see cref="RnnWorkspace.Outputs"/>.</summary>
    public static float HeadLossAndGradient(RnnWorkspace work, ReadOnlySpan<float> targets, int batch, LossKind loss, float huberDelta)
    {
        float mean = HeadLoss(work, targets, batch, loss, huberDelta);
        var outputs = work.Outputs.AsSpan(0, targets.Length);
        float scale = 1f / outputs.Length;
        for (int n = 0; n < outputs.Length; n++)
        {
            outputs[n] = scale * PointLoss.Derivative(loss, outputs[n] - targets[n], huberDelta);
        }

        return mean;
    }

    public static void Backward(RnnWorkspace work, ReadOnlySpan<float> inputs, int batch, int trainedSteps)
    {
        int hp = work.PaddedHidden, horizon = work.Shape.Horizon, window = work.Window;
        int slotLength = batch * hp;
        var states = work.States.AsSpan();
        var deltas = work.Deltas.AsSpan();
        var outputGradient = work.Outputs.AsSpan(0, batch * horizon);
        var finalState = states.Slice(window * slotLength, slotLength);

        OutputLayerGradient(work, outputGradient, finalState, batch);
        StepKernels.HeadBackward(work, outputGradient, finalState, deltas.Slice((window - 1) * slotLength, slotLength), batch);
        int firstStep = window - trainedSteps;
        for (int step = window - 1; step > firstStep; step--)
        {
            StepKernels.Backward(work, deltas.Slice(step * slotLength, slotLength),
                states.Slice(step * slotLength, slotLength), deltas.Slice((step - 1) * slotLength, slotLength), batch);
        }

        int rows = trainedSteps * batch;
        var trainedDeltas = deltas.Slice(firstStep * slotLength, rows * hp);
        StepKernels.RecurrentGradient(work, trainedDeltas, states.Slice(firstStep * slotLength, rows * hp), rows);
        StepKernels.InputAndBiasGradient(work, inputs, trainedDeltas, firstStep, batch);
    }

    private static void OutputLayerGradient(RnnWorkspace work, ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> finalState, int batch)
    {
        int hp = work.PaddedHidden, horizon = work.Shape.Horizon;
        work.OutputGradient.AsSpan().Clear();
        work.OutputBiasGradient.AsSpan().Clear();
        for (int b = 0; b < batch; b++)
        {
            var state = finalState.Slice(b * hp, hp);
            for (int k = 0; k < horizon; k++)
            {
                float g = outputGradient[(b * horizon) + k];
                work.OutputBiasGradient[k] += g;
                var row = work.OutputGradient.AsSpan(k * hp, hp);
                for (int j = 0; j < hp; j++)
                {
                    row[j] += g * state[j];
                }
            }
        }
    }

    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        float sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }
}
