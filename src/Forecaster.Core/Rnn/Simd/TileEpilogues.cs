using System.Runtime.CompilerServices;

// Stryker disable all : hot inner loops, guarded by the agreement and gradient tests (see deploy/scripts/mutation.sh)
namespace Forecaster.Core.Rnn.Simd;

/// <summary>How a tile starts (from zero or from what C holds) and what it stores.</summary>
internal unsafe interface ITileEpilogue
{
    static abstract bool StartsFromDestination { get; }

    /// <param name="auxiliary">The element of the auxiliary matrix at the same position as the result.</param>
    static abstract TVector Finish<TLane, TVector>(TVector sum, float* auxiliary)
        where TLane : ILane<TVector>
        where TVector : unmanaged;
}

/// <summary>C += A·M.</summary>
internal readonly unsafe struct Accumulate : ITileEpilogue
{
    public static bool StartsFromDestination => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Finish<TLane, TVector>(TVector sum, float* auxiliary)
        where TLane : ILane<TVector>
        where TVector : unmanaged => sum;
}

/// <summary>Forward step: C = tanh(A·M).</summary>
internal readonly unsafe struct Tanh : ITileEpilogue
{
    public static bool StartsFromDestination => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Finish<TLane, TVector>(TVector sum, float* auxiliary)
        where TLane : ILane<TVector>
        where TVector : unmanaged => FastTanh.Apply<TLane, TVector>(sum);
}

/// <summary>Backward step: C = (A·M) ⊙ (1 − h²), the auxiliary matrix holding h = tanh(pre-activation).</summary>
internal readonly unsafe struct TimesTanhDerivative : ITileEpilogue
{
    public static bool StartsFromDestination => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Finish<TLane, TVector>(TVector sum, float* auxiliary)
        where TLane : ILane<TVector>
        where TVector : unmanaged
    {
        var h = TLane.Load(auxiliary);
        return TLane.Multiply(sum, TLane.Subtract(TLane.Create(1f), TLane.Multiply(h, h)));
    }
}
