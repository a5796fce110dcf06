using System.Runtime.Intrinsics;

namespace Forecaster.Core.Rnn.Simd;

/// <summary>
/// Operands of <c>C = epilogue(A·M)</c> over the shared dimension p of length <see cref="Depth"/>, in one
/// of the two layouts the micro-kernel streams well:
/// <list type="bullet">
/// <item><see cref="WithPackedM"/>: A row-major, M pre-packed in column panels (each panel one tile wide,
/// <c>Depth</c> rows contiguous), so a panel occupies consecutive cache lines whatever the row length.</item>
/// <item><see cref="WithPackedA"/>: A pre-packed in panels of <see cref="MicroKernel{TLane, TVector}.TileRows"/>
/// interleaved rows (A(r, p) for one p adjacent), M row-major.</item>
/// </list>
/// C and the auxiliary matrix are row-major with row length <see cref="Stride"/>.
/// </summary>
internal readonly unsafe struct MatrixProduct
{
    private MatrixProduct(float* a, int aTileStride, int aRowStride, int aStepStride, float* m, int mStride, int depth,
        float* c, int stride, float* auxiliary)
    {
        A = a;
        ATileStride = aTileStride;
        ARowStride = aRowStride;
        AStepStride = aStepStride;
        M = m;
        MStride = mStride;
        Depth = depth;
        C = c;
        Stride = stride;
        Auxiliary = auxiliary;
    }

    public float* A { get; }

    /// <summary>Offset of row r's first element is r·ATileStride for the first row of a tile…</summary>
    public int ATileStride { get; }

    /// <summary>…plus i·ARowStride for the tile's i-th row; consecutive p are AStepStride apart.</summary>
    public int ARowStride { get; }

    public int AStepStride { get; }

    public float* M { get; }

    /// <summary>Row length of a row-major M; 0 when M is packed in panels.</summary>
    public int MStride { get; }

    public int Depth { get; }

    public float* C { get; }

    public int Stride { get; }

    public float* Auxiliary { get; }

    /// <param name="aStride">Row length of A.</param>
    /// <param name="packedM">Panels laid out by <see cref="PackColumnPanels"/> for this depth.</param>
    public static MatrixProduct WithPackedM(float* a, int aStride, float* packedM, int depth, float* c, int stride,
        float* auxiliary = null) =>
        new(a, aStride, aStride, 1, packedM, 0, depth, c, stride, auxiliary);

    /// <param name="packedA">Row panels laid out by <see cref="PackRowPanels"/> for this depth.</param>
    public static MatrixProduct WithPackedA(float* packedA, float* m, int mStride, int depth, float* c, int stride) =>
        new(packedA, depth, 1, MicroKernel<ScalarLane, float>.TileRows, m, mStride, depth, c, stride, null);

    /// <summary>
    /// Packs a row-major <c>[depth × columns]</c> M into the panels <see cref="WithPackedM"/> expects: columns cut
    /// into panels two vectors wide (the last one vector wide when the vectors do not pair up), each panel
    /// storing its <paramref name="depth"/> rows contiguously from <c>destination + panelStart·depth</c>.
    /// </summary>
    public static void PackColumnPanels(float* source, int depth, int columns, int vectorWidth, float* destination)
    {
        for (int panelStart = 0; panelStart < columns;)
        {
            int width = panelStart + (2 * vectorWidth) <= columns ? 2 * vectorWidth : vectorWidth;
            float* panel = destination + ((nint)panelStart * depth);
            for (int p = 0; p < depth; p++)
            {
                new ReadOnlySpan<float>(source + ((nint)p * columns) + panelStart, width).CopyTo(new Span<float>(panel, width));
                panel += width;
            }

            panelStart += width;
        }
    }

    /// <summary>
    /// Copies the transpose of <c>source[p][r]</c> (rows p of row length <paramref name="sourceStride"/>, first
    /// <paramref name="rows"/> columns) into tile-row panels: A(r, p) at <c>r/6·6·depth + p·6 + r%6</c>.
    /// Copies move whole 6-float panel rows: when <paramref name="rows"/> is not a multiple of 6, the source is read
    /// up to 5 floats past a row's <paramref name="rows"/> columns (the surplus lands in panel slots never read).
    /// </summary>
    public static void PackRowPanels(float* source, int sourceStride, int rows, int depth, float* destination)
    {
        const int tileRows = MicroKernel<ScalarLane, float>.TileRows;
        nint panelStride = (nint)tileRows * depth;
        for (int p = 0; p < depth; p++)
        {
            // Row by row: each source row is read once, sequentially, while the panels fill in parallel.
            float* row = source + ((nint)p * sourceStride);
            float* panel = destination + (p * tileRows);
            for (int first = 0; first < rows; first += tileRows)
            {
                // 4 + 2 floats: 128-bit vectors are accelerated on every SIMD target (NEON too), and the copy
                // stays inside its panel row.
                Vector128.Store(Vector128.Load(row + first), panel);
                *(ulong*)(panel + 4) = *(ulong*)(row + first + 4);
                panel += panelStride;
            }
        }
    }
}
