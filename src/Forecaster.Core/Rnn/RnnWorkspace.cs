using Forecaster.Core.Rnn.Simd;

// Stryker disable all : hot inner loops, guarded by the agreement and gradient tests (see deploy/scripts/mutation.sh)
namespace Forecaster.Core.Rnn;

/// <summary>
/// The kernel's buffers, carved from one pinned, 64-byte aligned block allocated at construction.
/// <para>
/// Hidden vectors are padded to <see cref="PaddedHidden"/> (whole SIMD vectors) with zero weights, so padded
/// units stay exactly 0 and no loop needs a tail. Each state row is <c>[h (PaddedHidden) | x_t, 1, 0…]</c>:
/// the input of the step that consumes the state, and a 1 for the bias, ride along in the row's tail. One
/// product with <see cref="ForwardWeights"/> = <c>[W_hᵀ; W_xᵀ; b]</c> then gives the whole pre-activation, and
/// one product of states with deltas gives <c>[dW_hᵀ; dW_xᵀ; db]</c> together.
/// </para>
/// <para>
/// States are batch-major: state t of sample b starts at <c>(t·batch + b)·StateStride</c>, so all states (and
/// all deltas, same layout) of a call form one contiguous <c>[(steps·batch) × StateStride]</c> matrix.
/// </para>
/// </summary>
internal sealed unsafe class RnnWorkspace
{
    private const int AlignmentFloats = 16;

    // Rows of the [(steps·batch) × StateStride] delta and state matrices per gradient chunk: ~128 KiB of
    // each, so a chunk's panels stay in L2 while every tile of the gradient passes over them.
    private const int GradientChunkFloats = 32 * 1024;
    private const int MicroKernelRows = MicroKernel<ScalarLane, float>.TileRows;

    // Panel packing copies whole 6-float panel rows (see MatrixProduct.PackRowPanels), reading up to 5 floats
    // past the last state row it packs: the states get that much room past their end.
    private const int PackingSlack = MicroKernelRows - 1;
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
        VectorWidth = vectorWidth;
        long stateFloats = (long)(window + 1) * maxBatch * stride;
        GradientChunkRows = Math.Max(1, GradientChunkFloats / stride);
        int forwardDepth = hp + shape.InputSize + 1;
        long packedStateFloats = (long)GradientChunkRows * RoundUp(forwardDepth, MicroKernelRows);
        long deltaFloats = stateFloats - ((long)maxBatch * stride);
        long total = Padded(stateFloats + PackingSlack) + Padded(deltaFloats)
            + (3 * Padded((long)forwardDepth * hp)) + Padded((long)hp * hp)
            + (3 * Padded((long)horizon * hp)) + (2 * Padded(horizon)) + Padded((long)maxBatch * horizon)
            + Padded(packedStateFloats) + AlignmentFloats;
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

        States = Carve(stateFloats + PackingSlack);
        Deltas = Carve(deltaFloats);
        ForwardWeights = Carve((long)forwardDepth * hp);
        Recurrent = Carve((long)hp * hp);
        ForwardGradient = Carve((long)forwardDepth * hp);
        PackingScratch = Carve((long)forwardDepth * hp);
        Output = Carve((long)horizon * hp);
        OutputPanels = Carve((long)horizon * hp);
        PackedStates = Carve(packedStateFloats);
        OutputGradient = Carve((long)horizon * hp);
        OutputBias = Carve(horizon);
        OutputBiasGradient = Carve(horizon);
        Outputs = Carve((long)maxBatch * horizon);
    }

    public RnnShape Shape { get; }

    public int Window { get; }

    public int PaddedHidden { get; }

    public int VectorWidth { get; }

    public int GradientChunkRows { get; }

    /// <summary>Row length of states and deltas.</summary>
    public int StateStride { get; }

    /// <summary>Rows of <see cref="ForwardWeights"/>: the depth of the forward product.</summary>
    public int ForwardDepth => PaddedHidden + Shape.InputSize + 1;

    /// <summary>h_0 … h_Window, batch-major per step, each row carrying the next step's input in its tail.</summary>
    public float* States { get; }

    /// <summary>d(loss)/d(pre-activation): slot s belongs to the step that produced state s + 1.</summary>
    public float* Deltas { get; }

    /// <summary>
    /// Panels (<see cref="MatrixProduct.PackColumnPanels"/>) of [k][j] = W_h[j][k] for k &lt; H (zero up to PaddedHidden),
    /// then W_x[j][i], then b[j].
    /// </summary>
    public float* ForwardWeights { get; }

    /// <summary>Panels of [k][j] = W_h[k][j], depth H: the backward step multiplies deltas by this.</summary>
    public float* Recurrent { get; }

    /// <summary>The gradient in the (row-major) layout of <see cref="ForwardWeights"/>: [k][j] = dW_h[j][k], then dW_x, then db.</summary>
    public float* ForwardGradient { get; }

    /// <summary>Row-major staging for <see cref="Pack"/>; padding entries stay 0 because only real ones are written.</summary>
    public float* PackingScratch { get; }

    /// <summary>[k][j] = W_y[k][j].</summary>
    public float* Output { get; }

    /// <summary>Panels of <see cref="Output"/>, depth Horizon, for the first backward product.</summary>
    public float* OutputPanels { get; }

    /// <summary>One gradient chunk of states, transposed into row panels for the micro-kernel.</summary>
    public float* PackedStates { get; }

    public float* OutputGradient { get; }

    public float* OutputBias { get; }

    public float* OutputBiasGradient { get; }

    /// <summary>Head outputs of the last forward pass; d(loss)/d(output) once the loss gradient is taken.</summary>
    public float* Outputs { get; }

    /// <summary>Lays the parameters out for the passes: row-major into a scratch matrix, then into column panels.</summary>
    public void Pack(ReadOnlySpan<float> parameters)
    {
        var shape = Shape;
        int hidden = shape.HiddenSize, hp = PaddedHidden, inputSize = shape.InputSize, depth = ForwardDepth;
        float* rows = PackingScratch;
        for (int j = 0; j < hidden; j++)
        {
            for (int k = 0; k < hidden; k++)
            {
                rows[(k * hp) + j] = parameters[shape.RecurrentWeightsOffset + (j * hidden) + k];
            }

            for (int i = 0; i < inputSize; i++)
            {
                rows[((hp + i) * hp) + j] = parameters[shape.InputWeightsOffset + (j * inputSize) + i];
            }

            rows[((hp + inputSize) * hp) + j] = parameters[shape.HiddenBiasOffset + j];
        }

        MatrixProduct.PackColumnPanels(rows, depth, hp, VectorWidth, ForwardWeights);
        for (int k = 0; k < hidden; k++)
        {
            parameters.Slice(shape.RecurrentWeightsOffset + (k * hidden), hidden).CopyTo(new Span<float>(rows + (k * hp), hidden));
        }

        MatrixProduct.PackColumnPanels(rows, hidden, hp, VectorWidth, Recurrent);
        for (int k = 0; k < shape.Horizon; k++)
        {
            parameters.Slice(shape.OutputWeightsOffset + (k * hidden), hidden).CopyTo(new Span<float>(Output + (k * hp), hidden));
        }

        MatrixProduct.PackColumnPanels(Output, shape.Horizon, hp, VectorWidth, OutputPanels);
        parameters.Slice(shape.OutputBiasOffset, shape.Horizon).CopyTo(new Span<float>(OutputBias, shape.Horizon));
    }

    public void UnpackGradient(Span<float> gradient)
    {
        var shape = Shape;
        int hidden = shape.HiddenSize, hp = PaddedHidden, inputSize = shape.InputSize;
        for (int j = 0; j < hidden; j++)
        {
            for (int k = 0; k < hidden; k++)
            {
                gradient[shape.RecurrentWeightsOffset + (j * hidden) + k] = ForwardGradient[(k * hp) + j];
            }

            for (int i = 0; i < inputSize; i++)
            {
                gradient[shape.InputWeightsOffset + (j * inputSize) + i] = ForwardGradient[((hp + i) * hp) + j];
            }

            gradient[shape.HiddenBiasOffset + j] = ForwardGradient[((hp + inputSize) * hp) + j];
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
