namespace Forecaster.Core.Rnn;

/// <summary>
/// The kernel's buffers, allocated once. Hidden vectors are padded to <see cref="PaddedHidden"/> (a whole
/// number of SIMD vectors) with zero weights, so padded units stay exactly 0 and loops have no tails.
/// States are batch-major: state t of sample b starts at <c>(t·batch + b)·PaddedHidden</c>, so all states
/// (and all deltas) of a call form one contiguous <c>[(steps·batch) × PaddedHidden]</c> matrix.
/// </summary>
internal sealed class RnnWorkspace
{
    public const int Lane = 8;

    public RnnWorkspace(RnnShape shape, int window, int maxBatch)
    {
        Shape = shape;
        Window = window;
        PaddedHidden = (shape.HiddenSize + Lane - 1) / Lane * Lane;
        int hp = PaddedHidden;
        States = new float[(window + 1) * maxBatch * hp];
        Deltas = new float[window * maxBatch * hp];
        RecurrentTransposed = new float[hp * hp];
        Recurrent = new float[hp * hp];
        InputTransposed = new float[shape.InputSize * hp];
        Bias = new float[hp];
        Output = new float[shape.Horizon * hp];
        OutputBias = new float[shape.Horizon];
        RecurrentGradient = new float[hp * hp];
        InputGradientTransposed = new float[shape.InputSize * hp];
        BiasGradient = new float[hp];
        OutputGradient = new float[shape.Horizon * hp];
        OutputBiasGradient = new float[shape.Horizon];
        Outputs = new float[maxBatch * shape.Horizon];
    }

    public RnnShape Shape { get; }

    public int Window { get; }

    public int PaddedHidden { get; }

    public float[] States { get; }

    /// <summary>d(loss)/d(pre-activation) of every step, laid out like <see cref="States"/> without slot 0.</summary>
    public float[] Deltas { get; }

    /// <summary>[k][j] = W_h[j][k]: the forward step multiplies states by this.</summary>
    public float[] RecurrentTransposed { get; }

    /// <summary>[k][j] = W_h[k][j]: the backward step multiplies deltas by this.</summary>
    public float[] Recurrent { get; }

    /// <summary>[i][j] = W_x[j][i].</summary>
    public float[] InputTransposed { get; }

    public float[] Bias { get; }

    public float[] Output { get; }

    public float[] OutputBias { get; }

    public float[] RecurrentGradient { get; }

    public float[] InputGradientTransposed { get; }

    public float[] BiasGradient { get; }

    public float[] OutputGradient { get; }

    public float[] OutputBiasGradient { get; }

    /// <summary>Head outputs of the last forward pass, then d(loss)/d(output) after the loss.</summary>
    public float[] Outputs { get; }

    /// <summary>Offset in <see cref="States"/> of the last state computed by the latest forward pass.</summary>
    public int FinalStateOffset { get; set; }

    public void Pack(ReadOnlySpan<float> parameters)
    {
        var shape = Shape;
        int hidden = shape.HiddenSize, hp = PaddedHidden, inputSize = shape.InputSize;
        for (int j = 0; j < hidden; j++)
        {
            for (int k = 0; k < hidden; k++)
            {
                float weight = parameters[shape.RecurrentWeightsOffset + (j * hidden) + k];
                RecurrentTransposed[(k * hp) + j] = weight;
                Recurrent[(j * hp) + k] = weight;
            }

            for (int i = 0; i < inputSize; i++)
            {
                InputTransposed[(i * hp) + j] = parameters[shape.InputWeightsOffset + (j * inputSize) + i];
            }

            Bias[j] = parameters[shape.HiddenBiasOffset + j];
        }

        for (int k = 0; k < shape.Horizon; k++)
        {
            parameters.Slice(shape.OutputWeightsOffset + (k * hidden), hidden).CopyTo(Output.AsSpan(k * hp));
        }

        parameters.Slice(shape.OutputBiasOffset, shape.Horizon).CopyTo(OutputBias);
    }

    public void UnpackGradient(Span<float> gradient)
    {
        var shape = Shape;
        int hidden = shape.HiddenSize, hp = PaddedHidden, inputSize = shape.InputSize;
        for (int j = 0; j < hidden; j++)
        {
            RecurrentGradient.AsSpan(j * hp, hidden).CopyTo(gradient.Slice(shape.RecurrentWeightsOffset + (j * hidden)));
            for (int i = 0; i < inputSize; i++)
            {
                gradient[shape.InputWeightsOffset + (j * inputSize) + i] = InputGradientTransposed[(i * hp) + j];
            }
        }

        BiasGradient.AsSpan(0, hidden).CopyTo(gradient.Slice(shape.HiddenBiasOffset));
        for (int k = 0; k < shape.Horizon; k++)
        {
            OutputGradient.AsSpan(k * hp, hidden).CopyTo(gradient.Slice(shape.OutputWeightsOffset + (k * hidden)));
        }

        OutputBiasGradient.AsSpan().CopyTo(gradient.Slice(shape.OutputBiasOffset));
    }
}
