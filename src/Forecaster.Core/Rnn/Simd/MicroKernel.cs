using System.Runtime.CompilerServices;

// Stryker disable all : hot inner loops, guarded by the agreement and gradient tests (see deploy/scripts/mutation.sh)
namespace Forecaster.Core.Rnn.Simd;

/// <summary>
/// The one register-blocked matrix kernel every pass runs on: C = epilogue(A·M) in tiles of up to
/// 6 rows × 2 vectors, the 12 accumulators held in registers across the whole shared dimension.
/// Columns must be a multiple of the vector width (the workspace pads hidden vectors for that).
/// </summary>
internal static unsafe class MicroKernel<TLane, TVector>
    where TLane : ILane<TVector>
    where TVector : unmanaged
{
    public const int TileRows = 6;

    // Every kernel method is compiled fully optimized on first use: tiered-up code arrives seconds late
    // on a busy machine, and quick-JITted tiles run an order of magnitude slower.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<TEpilogue>(in MatrixProduct product, int rows, int columns)
        where TEpilogue : ITileEpilogue
    {
        int width = TLane.Count;
        int column = 0;
        for (; column + (2 * width) <= columns; column += 2 * width)
        {
            RowBlocks<Size2, TEpilogue>(product, rows, column);
        }

        if (column < columns)
        {
            RowBlocks<Size1, TEpilogue>(product, rows, column);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowBlocks<TVectors, TEpilogue>(in MatrixProduct product, int rows, int column)
        where TVectors : ITileSize
        where TEpilogue : ITileEpilogue
    {
        // A 1- or 2-row remainder runs latency-bound at a fraction of the FMA rate: fold it with the last
        // full block into two 4-row tiles instead (e.g. 128 rows = 20 × 6 + 4 + 4). Packed A fixes tiles
        // to its 6-row panels, so only a row-major A can be cut this way.
        int fullBlocks = rows / TileRows;
        bool rowMajorA = product.ATileStride == product.ARowStride;
        if (rows % TileRows is 1 or 2 && fullBlocks > 0 && rowMajorA)
        {
            fullBlocks--;
        }

        int row = 0;
        for (; row < fullBlocks * TileRows; row += TileRows)
        {
            Tile<Size6, TVectors, TEpilogue>(product, row, column);
        }

        if (rows - row > TileRows)
        {
            Tile<Size4, TVectors, TEpilogue>(product, row, column);
            row += 4;
        }

        switch (rows - row)
        {
            case 1:
                Tile<Size1, TVectors, TEpilogue>(product, row, column);
                break;
            case 2:
                Tile<Size2, TVectors, TEpilogue>(product, row, column);
                break;
            case 3:
                Tile<Size3, TVectors, TEpilogue>(product, row, column);
                break;
            case 4:
                Tile<Size4, TVectors, TEpilogue>(product, row, column);
                break;
            case 5:
                Tile<Size5, TVectors, TEpilogue>(product, row, column);
                break;
        }
    }

    // The row and vector counts are JIT-time constants, so every unused accumulator and branch folds away.
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TRows, TVectors, TEpilogue>(in MatrixProduct product, int row, int column)
        where TRows : ITileSize
        where TVectors : ITileSize
        where TEpilogue : ITileEpilogue
    {
        int rows = TRows.Value;
        bool twoVectors = TVectors.Value == 2;
        nint width = TLane.Count;
        nint stride = product.Stride;
        nint aRowStride = product.ARowStride;
        nint aStepStride = product.AStepStride;
        bool packedM = product.MStride == 0;
        nint mStride = packedM ? TVectors.Value * width : product.MStride;
        float* destination = product.C + (row * stride) + column;
        float* auxiliary = product.Auxiliary + (row * stride) + column;
        float* m = product.M + (packedM ? (nint)column * product.Depth : column);
        float* a0Row = product.A + (row * (nint)product.ATileStride);
        float* a1Row = a0Row + aRowStride;
        float* a2Row = a1Row + aRowStride;
        float* a3Row = a2Row + aRowStride;
        float* a4Row = a3Row + aRowStride;
        float* a5Row = a4Row + aRowStride;
        TVector c00 = TLane.Zero, c01 = TLane.Zero;
        TVector c10 = TLane.Zero, c11 = TLane.Zero;
        TVector c20 = TLane.Zero, c21 = TLane.Zero;
        TVector c30 = TLane.Zero, c31 = TLane.Zero;
        TVector c40 = TLane.Zero, c41 = TLane.Zero;
        TVector c50 = TLane.Zero, c51 = TLane.Zero;
        if (TEpilogue.StartsFromDestination)
        {
            c00 = TLane.Load(destination);
            if (twoVectors)
            {
                c01 = TLane.Load(destination + width);
            }
            if (rows > 1)
            {
                c10 = TLane.Load(destination + (stride * 1));
                if (twoVectors)
                {
                    c11 = TLane.Load(destination + (stride * 1) + width);
                }
            }
            if (rows > 2)
            {
                c20 = TLane.Load(destination + (stride * 2));
                if (twoVectors)
                {
                    c21 = TLane.Load(destination + (stride * 2) + width);
                }
            }
            if (rows > 3)
            {
                c30 = TLane.Load(destination + (stride * 3));
                if (twoVectors)
                {
                    c31 = TLane.Load(destination + (stride * 3) + width);
                }
            }
            if (rows > 4)
            {
                c40 = TLane.Load(destination + (stride * 4));
                if (twoVectors)
                {
                    c41 = TLane.Load(destination + (stride * 4) + width);
                }
            }
            if (rows > 5)
            {
                c50 = TLane.Load(destination + (stride * 5));
                if (twoVectors)
                {
                    c51 = TLane.Load(destination + (stride * 5) + width);
                }
            }
        }

        nint offset = 0;
        for (int p = product.Depth; p > 0; p--)
        {
            var m0 = TLane.Load(m);
            var m1 = twoVectors ? TLane.Load(m + width) : TLane.Zero;
            var a0 = TLane.Broadcast(a0Row + offset);
            c00 = TLane.MultiplyAdd(a0, m0, c00);
            if (twoVectors)
            {
                c01 = TLane.MultiplyAdd(a0, m1, c01);
            }
            if (rows > 1)
            {
                var a1 = TLane.Broadcast(a1Row + offset);
                c10 = TLane.MultiplyAdd(a1, m0, c10);
                if (twoVectors)
                {
                    c11 = TLane.MultiplyAdd(a1, m1, c11);
                }
            }
            if (rows > 2)
            {
                var a2 = TLane.Broadcast(a2Row + offset);
                c20 = TLane.MultiplyAdd(a2, m0, c20);
                if (twoVectors)
                {
                    c21 = TLane.MultiplyAdd(a2, m1, c21);
                }
            }
            if (rows > 3)
            {
                var a3 = TLane.Broadcast(a3Row + offset);
                c30 = TLane.MultiplyAdd(a3, m0, c30);
                if (twoVectors)
                {
                    c31 = TLane.MultiplyAdd(a3, m1, c31);
                }
            }
            if (rows > 4)
            {
                var a4 = TLane.Broadcast(a4Row + offset);
                c40 = TLane.MultiplyAdd(a4, m0, c40);
                if (twoVectors)
                {
                    c41 = TLane.MultiplyAdd(a4, m1, c41);
                }
            }
            if (rows > 5)
            {
                var a5 = TLane.Broadcast(a5Row + offset);
                c50 = TLane.MultiplyAdd(a5, m0, c50);
                if (twoVectors)
                {
                    c51 = TLane.MultiplyAdd(a5, m1, c51);
                }
            }
            offset += aStepStride;
            m += mStride;
        }

        Put<TEpilogue>(c00, destination, auxiliary, 0);
        if (twoVectors)
        {
            Put<TEpilogue>(c01, destination, auxiliary, width);
        }
        if (rows > 1)
        {
            Put<TEpilogue>(c10, destination, auxiliary, (stride * 1));
            if (twoVectors)
            {
                Put<TEpilogue>(c11, destination, auxiliary, (stride * 1) + width);
            }
        }
        if (rows > 2)
        {
            Put<TEpilogue>(c20, destination, auxiliary, (stride * 2));
            if (twoVectors)
            {
                Put<TEpilogue>(c21, destination, auxiliary, (stride * 2) + width);
            }
        }
        if (rows > 3)
        {
            Put<TEpilogue>(c30, destination, auxiliary, (stride * 3));
            if (twoVectors)
            {
                Put<TEpilogue>(c31, destination, auxiliary, (stride * 3) + width);
            }
        }
        if (rows > 4)
        {
            Put<TEpilogue>(c40, destination, auxiliary, (stride * 4));
            if (twoVectors)
            {
                Put<TEpilogue>(c41, destination, auxiliary, (stride * 4) + width);
            }
        }
        if (rows > 5)
        {
            Put<TEpilogue>(c50, destination, auxiliary, (stride * 5));
            if (twoVectors)
            {
                Put<TEpilogue>(c51, destination, auxiliary, (stride * 5) + width);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<TEpilogue>(TVector sum, float* destination, float* auxiliary, nint offset)
        where TEpilogue : ITileEpilogue
    {
        TLane.Store(destination + offset, TEpilogue.Finish<TLane, TVector>(sum, auxiliary + offset));
    }
}
