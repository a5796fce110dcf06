using System.Numerics.Tensors;

namespace Forecaster.Core.Optimization;

public static class GradientClipping
{
    /// <summary>
    /// Scales <paramref name="gradient"/> so its L2 norm is at most <paramref name="maxNorm"/> and returns the
    /// norm before clipping. Like <c>torch.nn.utils.clip_grad_norm_</c>, the scale is maxNorm / (norm + 1e-6)
    /// and is applied only when it is below 1.
    /// </summary>
    public static float ClipByNorm(Span<float> gradient, float maxNorm)
    {
        if (!(maxNorm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The maximum norm must be positive.");
        }

        float norm = TensorPrimitives.Norm(gradient);
        float scale = maxNorm / (norm + 1e-6f);
        if (scale < 1)
        {
            TensorPrimitives.Multiply(gradient, scale, gradient);
        }

        return norm;
    }
}
