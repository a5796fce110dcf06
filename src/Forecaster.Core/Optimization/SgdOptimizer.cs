namespace Forecaster.Core.Optimization;

/// <summary>
/// Stochastic gradient descent with PyTorch's momentum (<c>torch.optim.SGD</c>, no dampening or Nesterov):
/// <c>v = μ·v + g; p -= lr·v</c>, with v starting at 0 so the first step equals plain SGD.
/// </summary>
public sealed class SgdOptimizer : IOptimizer
{
    private readonly float[] _velocity;
    private readonly float _learningRate;
    private readonly float _momentum;

    public SgdOptimizer(int parameterCount, float learningRate, float momentum = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parameterCount, 1);
        OptimizerArguments.CheckPositive(learningRate, nameof(learningRate));
        OptimizerArguments.CheckCoefficient(momentum, nameof(momentum));
        _velocity = new float[parameterCount];
        _learningRate = learningRate;
        _momentum = momentum;
    }

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        OptimizerArguments.CheckLength(parameters.Length, _velocity.Length, nameof(parameters));
        OptimizerArguments.CheckLength(gradient.Length, _velocity.Length, nameof(gradient));
        for (int n = 0; n < parameters.Length; n++)
        {
            float v = (_momentum * _velocity[n]) + gradient[n];
            _velocity[n] = v;
            parameters[n] -= _learningRate * v;
        }
    }

    public void Reset() => Array.Clear(_velocity);
}
