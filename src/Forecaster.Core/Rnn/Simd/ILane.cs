namespace Forecaster.Core.Rnn.Simd;

/// <summary>
/// The few vector operations the kernels need, as static members so one generic kernel compiles to
/// separate AVX-512, AVX2 and scalar code (the JIT specializes every struct instantiation).
/// </summary>
internal unsafe interface ILane<TVector>
    where TVector : unmanaged
{
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Create(float value);

    static abstract TVector Load(float* source);

    static abstract void Store(float* destination, TVector value);

    static abstract TVector Broadcast(float* source);

    /// <summary>a·b + c with a single rounding where the hardware has FMA.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    static abstract TVector Subtract(TVector a, TVector b);

    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>1/x to within a few float ulps (a hardware estimate refined by one Newton step where available).</summary>
    static abstract TVector Reciprocal(TVector value);

    /// <summary>The hardware minimum: NaN and signed-zero handling do not matter to the callers.</summary>
    static abstract TVector Min(TVector a, TVector b);

    static abstract TVector Max(TVector a, TVector b);

    static abstract float Sum(TVector value);
}
