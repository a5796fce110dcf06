namespace Forecaster.Core.Rnn.Simd;

/// <summary>
/// Operands of <c>C = epilogue(A·M)</c>. A is addressed through two strides so a row-major matrix
/// (rowStride = row length, stepStride = 1) and a transposed one (rowStride = 1, stepStride = row length)
/// need no copy: A(r, p) = A[r·ARowStride + p·AStepStride]. M is row-major, M(p, j) = M[p·MStride + j];
/// C and the auxiliary matrix share the row length <see cref="Stride"/>: C(r, j) = C[r·Stride + j].
/// </summary>
internal readonly unsafe struct MatrixProduct(float* a, int aRowStride, int aStepStride, float* m, int mStride, int depth,
    float* c, int stride, float* auxiliary = null)
{
    public float* A { get; } = a;

    public int ARowStride { get; } = aRowStride;

    public int AStepStride { get; } = aStepStride;

    public float* M { get; } = m;

    public int MStride { get; } = mStride;

    /// <summary>Length of the shared dimension p.</summary>
    public int Depth { get; } = depth;

    public float* C { get; } = c;

    public int Stride { get; } = stride;

    public float* Auxiliary { get; } = auxiliary;
}
