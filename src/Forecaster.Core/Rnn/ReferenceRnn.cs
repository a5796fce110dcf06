// Stryker disable all : hot inner loops, guarded by the agreement and gradient tests (see deploy/scripts/mutation.sh)
namespace Forecaster.Core.Rnn;

/// <summary>
/// The obviously-correct definition of the network and its gradient: double precision, one sample at a
/// time, plain loops. It is the oracle the fast <see cref="RnnTrainingKernel"/> is tested against and is
/// not meant to be fast. Same flat parameter layout and semantics as the kernel (see <see cref="RnnShape"/>).
/// </summary>
public static class ReferenceRnn
{
    /// <summary>
    /// Mean loss over batch × horizon and its gradient (overwriting <paramref name="gradient"/>). With
    /// <paramref name="truncation"/> t &gt; 0 the backward pass stops after the last t steps: the state
    /// entering them is treated as a constant.
    /// </summary>
    public static double LossAndGradient(RnnShape shape, int window, ReadOnlySpan<double> parameters,
        ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int batch, Span<double> gradient,
        LossKind loss = LossKind.MeanSquaredError, double huberDelta = 1, int truncation = 0)
    {
        RnnArguments.CheckConfiguration(window, loss, huberDelta, truncation);
        RnnArguments.CheckBatch(batch, int.MaxValue);
        RnnArguments.CheckData(shape, window, batch, parameters.Length, inputs.Length);
        RnnArguments.CheckLength(targets.Length, batch * shape.Horizon, nameof(targets));
        RnnArguments.CheckLength(gradient.Length, shape.ParameterCount, nameof(gradient));

        int inputSize = shape.InputSize, hidden = shape.HiddenSize, horizon = shape.Horizon;
        int firstTrainedStep = truncation == 0 ? 0 : window - truncation;
        double scale = 1.0 / (batch * horizon);
        gradient.Clear();
        var states = new double[window + 1][];
        var outputs = new double[horizon];
        var outputGradient = new double[horizon];
        var stateGradient = new double[hidden];
        var preActivationGradient = new double[hidden];
        double total = 0;

        for (int sample = 0; sample < batch; sample++)
        {
            var sampleInputs = inputs.Slice(sample * window * inputSize, window * inputSize);
            RunStates(shape, window, parameters, sampleInputs, states);
            Head(shape, parameters, states[window], outputs);
            for (int k = 0; k < horizon; k++)
            {
                double difference = outputs[k] - targets[(sample * horizon) + k];
                total += PointLoss.Value(loss, difference, huberDelta);
                outputGradient[k] = scale * PointLoss.Derivative(loss, difference, huberDelta);
            }

            Array.Clear(stateGradient);
            for (int k = 0; k < horizon; k++)
            {
                gradient[shape.OutputBiasOffset + k] += outputGradient[k];
                for (int j = 0; j < hidden; j++)
                {
                    int weight = shape.OutputWeightsOffset + (k * hidden) + j;
                    gradient[weight] += outputGradient[k] * states[window][j];
                    stateGradient[j] += outputGradient[k] * parameters[weight];
                }
            }

            for (int step = window - 1; step >= firstTrainedStep; step--)
            {
                // states[step + 1] is the output of this step, states[step] its incoming state.
                for (int j = 0; j < hidden; j++)
                {
                    double h = states[step + 1][j];
                    preActivationGradient[j] = stateGradient[j] * (1 - (h * h));
                }

                Array.Clear(stateGradient);
                for (int j = 0; j < hidden; j++)
                {
                    double delta = preActivationGradient[j];
                    gradient[shape.HiddenBiasOffset + j] += delta;
                    for (int i = 0; i < inputSize; i++)
                    {
                        gradient[shape.InputWeightsOffset + (j * inputSize) + i] += delta * sampleInputs[(step * inputSize) + i];
                    }

                    for (int k = 0; k < hidden; k++)
                    {
                        int weight = shape.RecurrentWeightsOffset + (j * hidden) + k;
                        gradient[weight] += delta * states[step][k];
                        stateGradient[k] += delta * parameters[weight];
                    }
                }
            }
        }

        return total * scale;
    }

    /// <summary>Forecasts <c>[batch][Horizon]</c> for <c>[batch][window][InputSize]</c> inputs, from h_0 = 0.</summary>
    public static void Predict(RnnShape shape, int window, ReadOnlySpan<double> parameters,
        ReadOnlySpan<double> inputs, int batch, Span<double> outputs)
    {
        RnnArguments.CheckConfiguration(window, LossKind.MeanSquaredError, 1, 0);
        RnnArguments.CheckBatch(batch, int.MaxValue);
        RnnArguments.CheckData(shape, window, batch, parameters.Length, inputs.Length);
        RnnArguments.CheckLength(outputs.Length, batch * shape.Horizon, nameof(outputs));

        var states = new double[window + 1][];
        int sampleLength = window * shape.InputSize;
        for (int sample = 0; sample < batch; sample++)
        {
            RunStates(shape, window, parameters, inputs.Slice(sample * sampleLength, sampleLength), states);
            Head(shape, parameters, states[window], outputs.Slice(sample * shape.Horizon, shape.Horizon));
        }
    }

    private static void RunStates(RnnShape shape, int window, ReadOnlySpan<double> parameters,
        ReadOnlySpan<double> sampleInputs, double[][] states)
    {
        int inputSize = shape.InputSize, hidden = shape.HiddenSize;
        states[0] = new double[hidden];
        for (int step = 0; step < window; step++)
        {
            var next = new double[hidden];
            for (int j = 0; j < hidden; j++)
            {
                double sum = parameters[shape.HiddenBiasOffset + j];
                for (int i = 0; i < inputSize; i++)
                {
                    sum += parameters[shape.InputWeightsOffset + (j * inputSize) + i] * sampleInputs[(step * inputSize) + i];
                }

                for (int k = 0; k < hidden; k++)
                {
                    sum += parameters[shape.RecurrentWeightsOffset + (j * hidden) + k] * states[step][k];
                }

                next[j] = Math.Tanh(sum);
            }

            states[step + 1] = next;
        }
    }

    private static void Head(RnnShape shape, ReadOnlySpan<double> parameters, double[] lastState, Span<double> outputs)
    {
        for (int k = 0; k < shape.Horizon; k++)
        {
            double sum = parameters[shape.OutputBiasOffset + k];
            for (int j = 0; j < shape.HiddenSize; j++)
            {
                sum += parameters[shape.OutputWeightsOffset + (k * shape.HiddenSize) + j] * lastState[j];
            }

            outputs[k] = sum;
        }
    }
}
