using System.Diagnostics.CodeAnalysis;

namespace Forecaster.Core.Rnn;

/// <summary>
/// Sizes of one Elman network: <c>h_t = tanh(W_x x_t + W_h h_{t-1} + b)</c>, <c>y = W_y h_W + b_y</c>.
/// All parameters live in one flat vector so optimizers, clipping and serialization treat them as one
/// tensor. Layout (row-major, in this order):
/// <c>W_x</c> [H×I] (row j = hidden unit j), <c>W_h</c> [H×H] (row j = hidden unit j, column k = previous
/// unit k), <c>b</c> [H], <c>W_y</c> [K×H] (row k = output step k), <c>b_y</c> [K].
/// </summary>
public readonly record struct RnnShape
{
    public RnnShape(int inputSize, int hiddenSize, int horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Horizon = horizon;
    }

    /// <summary>I: features per time step.</summary>
    public int InputSize { get; }

    /// <summary>H: hidden units.</summary>
    public int HiddenSize { get; }

    /// <summary>K: outputs, one per forecast step.</summary>
    public int Horizon { get; }

    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "An offset of the layout, read like the others.")]
    public int InputWeightsOffset => 0;

    public int RecurrentWeightsOffset => HiddenSize * InputSize;

    public int HiddenBiasOffset => RecurrentWeightsOffset + (HiddenSize * HiddenSize);

    public int OutputWeightsOffset => HiddenBiasOffset + HiddenSize;

    public int OutputBiasOffset => OutputWeightsOffset + (Horizon * HiddenSize);

    public int ParameterCount => OutputBiasOffset + Horizon;
}
