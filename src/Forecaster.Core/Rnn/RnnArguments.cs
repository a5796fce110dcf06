namespace Forecaster.Core.Rnn;

/// <summary>Argument checks shared by every entry point, so the kernel and the reference reject the same calls.</summary>
internal static class RnnArguments
{
    public static void CheckConfiguration(int window, LossKind loss, double huberDelta, int truncation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (!Enum.IsDefined(loss))
        {
            throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss kind.");
        }

        if (!(huberDelta > 0) || double.IsInfinity(huberDelta))
        {
            throw new ArgumentOutOfRangeException(nameof(huberDelta), huberDelta, "The Huber delta must be a finite positive number.");
        }

        if (truncation < 0 || truncation > window)
        {
            throw new ArgumentOutOfRangeException(nameof(truncation), truncation,
                $"Truncation must lie between 0 (full BPTT) and the window ({window}).");
        }
    }

    public static void CheckBatch(int batch, int maxBatch)
    {
        if (batch < 1 || batch > maxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"The batch must lie between 1 and {maxBatch}.");
        }
    }

    public static void CheckLength(int actual, int expected, string argumentName)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Expected {expected} elements but got {actual}.", argumentName);
        }
    }

    public static void CheckData(RnnShape shape, int window, int batch, int parametersLength, int inputsLength)
    {
        CheckLength(parametersLength, shape.ParameterCount, "parameters");
        CheckLength(inputsLength, batch * window * shape.InputSize, "inputs");
    }
}
