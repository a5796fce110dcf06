namespace Forecaster.Core.Accuracy;

/// <summary>
/// The Student t distribution function, through the regularized incomplete beta function (Lentz's continued fraction,
/// Lanczos log-gamma). Written here rather than taken from Math.NET Numerics: it is the only special function the core
/// needs, and a 40-line, tested routine costs less than a numerics library in every published build.
/// </summary>
public static class StudentT
{
    private static readonly double[] Lanczos =
    [
        76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5,
    ];

    /// <summary>P(T ≥ <paramref name="t"/>) for <paramref name="degreesOfFreedom"/> degrees of freedom: a one-sided p-value.</summary>
    public static double UpperTail(double t, double degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        // P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, 1/2); half of it lies on each side.
        var twoSided = RegularizedBeta(degreesOfFreedom / (degreesOfFreedom + (t * t)), degreesOfFreedom / 2, 0.5);
        return t >= 0 ? twoSided / 2 : 1 - (twoSided / 2);
    }

    internal static double RegularizedBeta(double x, double a, double b)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));

        // The continued fraction converges fast only below the mean; use the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) above it.
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - (front * ContinuedFraction(1 - x, b, a) / b);
    }

    private static double ContinuedFraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        var c = 1.0;
        var d = 1 - ((a + b) * x / (a + 1));
        d = 1 / (Math.Abs(d) < tiny ? tiny : d);
        var result = d;
        for (var m = 1; m <= 300; m++)
        {
            var even = m * (b - m) * x / ((a + (2 * m) - 1) * (a + (2 * m)));
            d = 1 / Guard(1 + (even * d));
            c = Guard(1 + (even / c));
            result *= d * c;
            var odd = -(a + m) * (a + b + m) * x / ((a + (2 * m)) * (a + (2 * m) + 1));
            d = 1 / Guard(1 + (odd * d));
            c = Guard(1 + (odd / c));
            var step = d * c;
            result *= step;
            if (Math.Abs(step - 1) < 1e-15)
            {
                break;
            }
        }

        return result;

        static double Guard(double value) => Math.Abs(value) < tiny ? tiny : value;
    }

    private static double LogGamma(double x)
    {
        var tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.Log(tmp);
        var series = 1.000000000190015;
        var y = x;
        foreach (var coefficient in Lanczos)
        {
            series += coefficient / ++y;
        }

        return -tmp + Math.Log(2.5066282746310005 * series / x);
    }
}
