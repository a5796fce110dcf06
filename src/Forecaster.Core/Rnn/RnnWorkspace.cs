namespace Forecaster.Core.Rnn;

/// <summary>
/// The kernel's buffers, carved from one pinned, 64-byte aligned block allocated at construction.
/// <para>
/// Hidden vectors are padded to <see cref="PaddedHidden"/> (whole SIMD vectors) with zero weights, so padded
/// units stay exactly 0 and no loop needs a tail. Each state row is <c>[h (PaddedHidden) | x_t, 1, 0…]</c>:
/// the input of the step that consumes the state, and a 1 for the bias, ride along in the row's tail. One
/// product with <see cref="ForwardWeights"/> = <c>[W_hᵀ; W_xᵀ; b]</c> then gives the whole pre-activation, and
/// one product of deltas with states gives <c>[dW_h | dW_x | db]</c> together.
/// </para>
/// <para>
/// States are batch-major: state t of sample b starts at <c>(t·batch + b)·StateStride</c>, so all states (and
/// all deltas, same layout) of a call form one contiguous <c>[(steps·batch) × StateStride]</c> matrix.
/// </para>
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
        int hp = RoundUp(shape.HiddenSize, vectorWidth);
        int stride = hp + RoundUp(shape.InputSize + 1, vectorWidth);
        int horizon = shape.Horizon;
        PaddedHidden = hp;
        StateStride = stride;
        long stateFloats = (long)(window + 1) * maxBatch * stride;
        long total = Padded(stateFloats) + Padded(stateFloats - ((long)maxBatch * stride))
            + Padded((long)(hp + shape.InputSize + 1) * hp) + Padded((long)hp * hp) + Padded((long)hp * stride)
            + (2 * Padded((long)horizon * hp)) + (2 * Padded(horizon)) + Padded((long)maxBatch * horizon) + AlignmentFloats;
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

        States = Carve(stateFloats);
        Deltas = Carve(stateFloats - ((long)maxBatch * stride));
        ForwardWeights = Carve((long)(hp + shape.InputSize + 1) * hp);
        Recurrent = Carve((long)hp * hp);
        StateGradient = Carve((long)hp * stride);
        Output = Carve((long)horizon * hp);
        OutputGradient = Carve((long)horizon * hp);
        OutputBias = Carve(horizon);
        OutputBiasGradient = Carve(horizon);
        Outputs = Carve((long)maxBatch * horizon);
    }

    public RnnShape Shape { get; }

    public int Window { get; }

    public int PaddedHidden { get; }

    /// <summary>Row length of states, deltas and <see cref="StateGradient"/>.</summary>
    public int StateStride { get; }

    /// <summary>Rows of <see cref="ForwardWeights"/>: the depth of the forward product.</summary>
    public int ForwardDepth => PaddedHidden + Shape.InputSize + 1;

    /// <summary>h_0 … h_Window, batch-major per step, each row carrying the next step's input in its tail.</summary>
    public float* States { get; }

    /// <summary>d(loss)/d(pre-activation): slot s belongs to the step that produced state s + 1.</summary>
    public float* Deltas { get; }

    /// <summary>[k][j] = W_h[j][k] for k &lt; H (zero up to PaddedHidden), then W_x[j][i], then b[j].</summary>
    public float* ForwardWeights { get; }

    /// <summary>[k][j] = W_h[k][j]: the backward step multiplies deltas by this.</summary>
    public float* Recurrent { get; }

    /// <summary>[j][k] = dW_h[j][k]; [j][PaddedHidden + i] = dW_x[j][i]; [j][PaddedHidden + I] = db[j].</summary>
    public float* StateGradient { get; }

    /// <summary>[k][j] = W_y[k][j].</summary>
    public float* Output { get; }

    public float* OutputGradient { get; }

    public float* OutputBias { get; }

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
                ForwardWeights[(k * hp) + j] = weight;
                Recurrent[(j * hp) + k] = weight;
            }

            for (int i = 0; i < inputSize; i++)
            {
                ForwardWeights[((hp + i) * hp) + j] = parameters[shape.InputWeightsOffset + (j * inputSize) + i];
            }

            ForwardWeights[((hp + inputSize) * hp) + j] = parameters[shape.HiddenBiasOffset + j];
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
            float* row = StateGradient + (j * StateStride);
            new ReadOnlySpan<float>(row, hidden).CopyTo(gradient.Slice(shape.RecurrentWeightsOffset + (j * hidden)));
            new ReadOnlySpan<float>(row + hp, inputSize).CopyTo(gradient.Slice(shape.InputWeightsOffset + (j * inputSize)));
            gradient[shape.HiddenBiasOffset + j] = row[hp + inputSize];
        }

        for (int k = 0; k < shape.Horizon; k++)
        {
            new ReadOnlySpan<float>(OutputGradient + (k * hp), hidden).CopyTo(gradient.Slice(shape.OutputWeightsOffset + (k * hidden)));
        }

        new ReadOnlySpan<float>(OutputBiasGradient, shape.Horizon).CopyTo(gradient.Slice(shape.OutputBiasOffset));
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static long Padded(long floats) => (floats + AlignmentFloats - 1) / AlignmentFloats * AlignmentFloats;

    private float* Carve(long floats)
    {
        float* buffer = _next;
        _next += Padded(floats);
        return buffer;
    }
}
