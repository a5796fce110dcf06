using System.Runtime.CompilerServices;

// Stryker disable all : hot inner loops, guarded by the agreement and gradient tests (see deploy/scripts/mutation.sh)
namespace Forecaster.Core.Rnn.Simd;

/// <summary>
/// tanh as a 13/6 odd rational polynomial (the coefficients of Eigen's fast float tanh), within ~1e-6 of
/// the true value: a few FMAs and a reciprocal instead of an exp-based tanh per element per step.
/// </summary>
internal static class FastTanh
{
    // Beyond this tanh rounds to ±1 in float32; clamping keeps the polynomial in its fitted range.
    public const float Saturation = 7.90531110763549805f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Apply<TLane, TVector>(TVector value)
        where TLane : ILane<TVector>
        where TVector : unmanaged
    {
        var x = TLane.Max(TLane.Min(value, TLane.Create(Saturation)), TLane.Create(-Saturation));
        var x2 = TLane.Multiply(x, x);
        var p = TLane.MultiplyAdd(x2, TLane.Create(-2.76076847742355e-16f), TLane.Create(2.00018790482477e-13f));
        p = TLane.MultiplyAdd(x2, p, TLane.Create(-8.60467152213735e-11f));
        p = TLane.MultiplyAdd(x2, p, TLane.Create(5.12229709037114e-08f));
        p = TLane.MultiplyAdd(x2, p, TLane.Create(1.48572235717979e-05f));
        p = TLane.MultiplyAdd(x2, p, TLane.Create(6.37261928875436e-04f));
        p = TLane.MultiplyAdd(x2, p, TLane.Create(4.89352455891786e-03f));
        p = TLane.Multiply(x, p);
        var q = TLane.MultiplyAdd(x2, TLane.Create(1.19825839466702e-06f), TLane.Create(1.18534705686654e-04f));
        q = TLane.MultiplyAdd(x2, q, TLane.Create(2.26843463243900e-03f));
        q = TLane.MultiplyAdd(x2, q, TLane.Create(4.89352518554385e-03f));
        return TLane.Multiply(p, TLane.Reciprocal(q));
    }
}
