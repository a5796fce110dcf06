using System.Numerics;

// Stryker disable all : hot inner loops, guarded by the agreement and gradient tests (see deploy/scripts/mutation.sh)
namespace Forecaster.Core.Rnn;

/// <summary>
/// Per-element loss and its derivative, shared by the float kernel and the double reference so both
/// follow PyTorch's definitions (<c>MSELoss</c>; <c>HuberLoss</c> with the quadratic zone |d| &lt; δ).
/// </summary>
internal static class PointLoss
{
    public static T Value<T>(LossKind kind, T difference, T huberDelta)
        where T : IFloatingPointIeee754<T>
    {
        if (kind == LossKind.MeanSquaredError)
        {
            return difference * difference;
        }

        var magnitude = T.Abs(difference);
        var half = T.CreateTruncating(0.5);
        return magnitude < huberDelta
            ? half * difference * difference
            : huberDelta * (magnitude - (half * huberDelta));
    }

    public static T Derivative<T>(LossKind kind, T difference, T huberDelta)
        where T : IFloatingPointIeee754<T>
    {
        return kind == LossKind.MeanSquaredError
            ? (T.One + T.One) * difference
            : T.Clamp(difference, -huberDelta, huberDelta);
    }
}
