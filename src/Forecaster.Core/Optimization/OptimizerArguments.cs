namespace Forecaster.Core.Optimization;

internal static class OptimizerArguments
{
    public static void CheckPositive(float value, string name)
    {
        if (!(value > 0) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a finite positive number.");
        }
    }

    /// <summary>Momentum-like coefficients must lie in [0, 1).</summary>
    public static void CheckCoefficient(float value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must lie in [0, 1).");
        }
    }

    public static void CheckLength(int actual, int expected, string argumentName)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Expected {expected} elements but got {actual}.", argumentName);
        }
    }
}
