namespace Forecaster.Core.Optimization;

/// <summary>Adam with PyTorch's semantics (<c>torch.optim.Adam</c>, no weight decay, bias-corrected moments).</summary>
public sealed class AdamOptimizer : IOptimizer
{
    private readonly float[] _firstMoment;
    private readonly float[] _secondMoment;
    private readonly float _learningRate;
    private readonly float _beta1;
    private readonly float _beta2;
    private readonly float _epsilon;
    private int _steps;

    public AdamOptimizer(int parameterCount, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parameterCount, 1);
        OptimizerArguments.CheckPositive(learningRate, nameof(learningRate));
        OptimizerArguments.CheckCoefficient(beta1, nameof(beta1));
        OptimizerArguments.CheckCoefficient(beta2, nameof(beta2));
        OptimizerArguments.CheckPositive(epsilon, nameof(epsilon));
        _firstMoment = new float[parameterCount];
        _secondMoment = new float[parameterCount];
        _learningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
    }

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        OptimizerArguments.CheckLength(parameters.Length, _firstMoment.Length, nameof(parameters));
        OptimizerArguments.CheckLength(gradient.Length, _firstMoment.Length, nameof(gradient));
        _steps++;
        // PyTorch computes the bias corrections in double (Python floats) before applying them in float32.
        double correction1 = 1 - Math.Pow(_beta1, _steps);
        double correction2 = 1 - Math.Pow(_beta2, _steps);
        float stepSize = (float)(_learningRate / correction1);
        float correction2Root = (float)Math.Sqrt(correction2);
        float beta1 = _beta1, beta2 = _beta2, epsilon = _epsilon;
        for (int n = 0; n < parameters.Length; n++)
        {
            float g = gradient[n];
            float m = (beta1 * _firstMoment[n]) + ((1 - beta1) * g);
            float v = (beta2 * _secondMoment[n]) + ((1 - beta2) * g * g);
            _firstMoment[n] = m;
            _secondMoment[n] = v;
            parameters[n] -= stepSize * m / ((MathF.Sqrt(v) / correction2Root) + epsilon);
        }
    }

    public void Reset()
    {
        Array.Clear(_firstMoment);
        Array.Clear(_secondMoment);
        _steps = 0;
    }
}
