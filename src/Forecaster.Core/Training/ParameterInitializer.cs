using Forecaster.Core.Rnn;

namespace Forecaster.Core.Training;

internal static class ParameterInitializer
{
    /// <summary>
    /// Input and recurrent weights uniform in ±1/√H (PyTorch's RNN bound), all biases and the whole head at
    /// zero: the output is then exactly 0, i.e. an untrained model forecasts "no change".
    /// </summary>
    public static void Initialize(RnnShape shape, int seed, Span<float> parameters)
    {
        parameters.Clear();
        var random = new DeterministicRandom(seed);
        var bound = 1.0 / Math.Sqrt(shape.HiddenSize);
        foreach (ref var weight in parameters[shape.InputWeightsOffset..shape.HiddenBiasOffset])
        {
            weight = (float)(((2 * random.NextDouble()) - 1) * bound);
        }
    }
}
