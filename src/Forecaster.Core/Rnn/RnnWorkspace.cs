namespace Forecaster.Core.Rnn;

/// <summary>
/// The kernel's buffers, carved from one pinned, 64-byte aligned block allocated at construction.
/// Hidden vectors are padded to <see cref="PaddedHidden"/> (a whole number of SIMD vectors) with zero
/// weights, so padded units stay exactly 0 and no loop needs a tail. States are batch-major: state t of
/// sample b starts at <c>(t·batch + b)·PaddedHidden</c>, so all states (and all deltas) of a call form one
/// contiguous <c>[(steps·batch) × PaddedHidden]</c> matrix that the weight gradients consume in one product.
/// </summary>
internal sealed unsafe class RnnWorkspace
{
    private const int AlignmentFloats = 16;
    private readonly float[] _storage;
    private float* _next;

    public RnnWorkspace(RnnShape shape, int window, int maxBatch, int vectorWidth)
    {
        Shape = shape;
        Window = window;
        int hp = (shape.HiddenSize + vectorWidth - 1) / vectorWidth * vectorWidth;
        int augmented = shape.InputSize + 1;
        int horizon = shape.Horizon;
        PaddedHidden = hp;
        long total = Padded((long)(window + 1) * maxBatch * hp) + Padded((long)window * maxBatch * hp)
            + Padded((long)window * maxBatch * augmented) + (4 * Padded((long)hp * hp))
            + (2 * Padded((long)augmented * hp)) + (2 * Padded((long)horizon * hp)) + (2 * Padded(horizon))
            + Padded((long)maxBatch * horizon) + AlignmentFloats;
        if (total > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, "Window × batch × hidden size is too large for one kernel.");
        }

        _storage = GC.AllocateArray<float>((int)total, pinned: true);
        fixed (float* start = _storage)
        {
            // The array is pinned for its lifetime, so the pointers stay valid after leaving this block.
            _next = (float*)(((nint)start + 63) & ~(nint)63);
        }

        States = Carve((long)(window + 1) * maxBatch * hp);
        Deltas = Carve((long)window * maxBatch * hp);
        AugmentedInputs = Carve((long)window * maxBatch * augmented);
        RecurrentTransposed = Carve((long)hp * hp);
        Recurrent = Carve((long)hp * hp);
        InputAndBias = Carve((long)augmented * hp);
        Output = Carve((long)horizon * hp);
        OutputBias = Carve(horizon);
        RecurrentGradient = Carve((long)hp * hp);
        InputAndBiasGradient = Carve((long)augmented * hp);
        OutputGradient = Carve((long)horizon * hp);
        OutputBiasGradient = Carve(horizon);
        Outputs = Carve((long)maxBatch * horizon);
    }

    public RnnShape Shape { get; }

    public int Window { get; }

    public int PaddedHidden { get; }

    /// <summary>h_0 … h_Window, batch-major per step.</summary>
    public float* States { get; }

    /// <summary>d(loss)/d(pre-activation): slot s belongs to the step that produced state s + 1.</summary>
    public float* Deltas { get; }

    /// <summary>Inputs regrouped step-major, [(step·batch + b)][InputSize + 1], the last column 1 so the bias rides along.</summary>
    public float* AugmentedInputs { get; }

    /// <summary>[k][j] = W_h[j][k]: the forward step multiplies states by this.</summary>
    public float* RecurrentTransposed { get; }

    /// <summary>[k][j] = W_h[k][j]: the backward step multiplies deltas by this.</summary>
    public float* Recurrent { get; }

    /// <summary>[i][j] = W_x[j][i] for i &lt; InputSize; row InputSize holds b.</summary>
    public float* InputAndBias { get; }

    /// <summary>[k][j] = W_y[k][j].</summary>
    public float* Output { get; }

    public float* OutputBias { get; }

    public float* RecurrentGradient { get; }

    public float* InputAndBiasGradient { get; }

    public float* OutputGradient { get; }

    public float* OutputBiasGradient { get; }

    /// <summary>Head outputs of the last forward pass; d(loss)/d(output) once the loss gradient is taken.</summary>
    public float* Outputs { get; }

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
                InputAndBias[(i * hp) + j] = parameters[shape.InputWeightsOffset + (j * inputSize) + i];
            }

            InputAndBias[(inputSize * hp) + j] = parameters[shape.HiddenBiasOffset + j];
        }

        for (int k = 0; k < shape.Horizon; k++)
        {
            parameters.Slice(shape.OutputWeightsOffset + (k * hidden), hidden).CopyTo(new Span<float>(Output + (k * hp), hidden));
        }

        parameters.Slice(shape.OutputBiasOffset, shape.Horizon).CopyTo(new Span<float>(OutputBias, shape.Horizon));
    }

    public void UnpackGradient(Span<float> gradient)
    {
        var shape = Shape;
        int hidden = shape.HiddenSize, hp = PaddedHidden, inputSize = shape.InputSize;
        for (int j = 0; j < hidden; j++)
        {
            new ReadOnlySpan<float>(RecurrentGradient + (j * hp), hidden).CopyTo(gradient.Slice(shape.RecurrentWeightsOffset + (j * hidden)));
            for (int i = 0; i < inputSize; i++)
            {
                gradient[shape.InputWeightsOffset + (j * inputSize) + i] = InputAndBiasGradient[(i * hp) + j];
            }

            gradient[shape.HiddenBiasOffset + j] = InputAndBiasGradient[(inputSize * hp) + j];
        }

        for (int k = 0; k < shape.Horizon; k++)
        {
            new ReadOnlySpan<float>(OutputGradient + (k * hp), hidden).CopyTo(gradient.Slice(shape.OutputWeightsOffset + (k * hidden)));
        }

        new ReadOnlySpan<float>(OutputBiasGradient, shape.Horizon).CopyTo(gradient.Slice(shape.OutputBiasOffset));
    }

    private static long Padded(long floats) => (floats + AlignmentFloats - 1) / AlignmentFloats * AlignmentFloats;

    private float* Carve(long floats)
    {
        float* buffer = _next;
        _next += Padded(floats);
        return buffer;
    }
}
