namespace Forecaster.Core.Rnn;

/// <summary>The per-step matrix work of the forward and backward passes.</summary>
internal static class StepKernels
{
    /// <summary>current = tanh(b + W_x x_t + W_h previous), for every sample of the batch.</summary>
    public static void Forward(RnnWorkspace work, ReadOnlySpan<float> inputs, int step, int batch,
        ReadOnlySpan<float> previous, Span<float> current)
    {
        int hp = work.PaddedHidden, inputSize = work.Shape.InputSize, window = work.Window;
        for (int b = 0; b < batch; b++)
        {
            var x = inputs.Slice(((b * window) + step) * inputSize, inputSize);
            for (int j = 0; j < hp; j++)
            {
                float sum = work.Bias[j];
                for (int i = 0; i < inputSize; i++)
                {
                    sum += x[i] * work.InputTransposed[(i * hp) + j];
                }

                for (int k = 0; k < hp; k++)
                {
                    sum += previous[(b * hp) + k] * work.RecurrentTransposed[(k * hp) + j];
                }

                current[(b * hp) + j] = MathF.Tanh(sum);
            }
        }
    }

    /// <summary>Delta of the last step: (dY · W_y) ⊙ (1 − h²).</summary>
    public static void HeadBackward(RnnWorkspace work, ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> finalState,
        Span<float> delta, int batch)
    {
        int hp = work.PaddedHidden, horizon = work.Shape.Horizon;
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < hp; j++)
            {
                float sum = 0;
                for (int k = 0; k < horizon; k++)
                {
                    sum += outputGradient[(b * horizon) + k] * work.Output[(k * hp) + j];
                }

                float h = finalState[(b * hp) + j];
                delta[(b * hp) + j] = sum * (1 - (h * h));
            }
        }
    }

    /// <summary>Delta of the previous step: (delta · W_h) ⊙ (1 − h_prev²).</summary>
    public static void Backward(RnnWorkspace work, ReadOnlySpan<float> delta, ReadOnlySpan<float> previousState,
        Span<float> previousDelta, int batch)
    {
        int hp = work.PaddedHidden;
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < hp; j++)
            {
                float sum = 0;
                for (int k = 0; k < hp; k++)
                {
                    sum += delta[(b * hp) + k] * work.Recurrent[(k * hp) + j];
                }

                float h = previousState[(b * hp) + j];
                previousDelta[(b * hp) + j] = sum * (1 - (h * h));
            }
        }
    }

    /// <summary>dW_h[j][k] = Σ_rows delta[row][j] · previousState[row][k], over all trained steps at once.</summary>
    public static void RecurrentGradient(RnnWorkspace work, ReadOnlySpan<float> deltas, ReadOnlySpan<float> previousStates, int rows)
    {
        int hp = work.PaddedHidden;
        var gradient = work.RecurrentGradient.AsSpan();
        gradient.Clear();
        for (int row = 0; row < rows; row++)
        {
            for (int j = 0; j < hp; j++)
            {
                float d = deltas[(row * hp) + j];
                for (int k = 0; k < hp; k++)
                {
                    gradient[(j * hp) + k] += d * previousStates[(row * hp) + k];
                }
            }
        }
    }

    /// <summary>db = Σ delta and dW_x = Σ delta ⊗ x over the trained steps starting at <paramref name="firstStep"/>.</summary>
    public static void InputAndBiasGradient(RnnWorkspace work, ReadOnlySpan<float> inputs, ReadOnlySpan<float> deltas,
        int firstStep, int batch)
    {
        int hp = work.PaddedHidden, inputSize = work.Shape.InputSize, window = work.Window;
        var bias = work.BiasGradient.AsSpan();
        var input = work.InputGradientTransposed.AsSpan();
        bias.Clear();
        input.Clear();
        int trainedSteps = window - firstStep;
        for (int s = 0; s < trainedSteps; s++)
        {
            for (int b = 0; b < batch; b++)
            {
                var delta = deltas.Slice(((s * batch) + b) * hp, hp);
                var x = inputs.Slice(((b * window) + firstStep + s) * inputSize, inputSize);
                for (int j = 0; j < hp; j++)
                {
                    bias[j] += delta[j];
                    for (int i = 0; i < inputSize; i++)
                    {
                        input[(i * hp) + j] += delta[j] * x[i];
                    }
                }
            }
        }
    }
}
