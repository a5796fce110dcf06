using Forecaster.Core.Rnn;

namespace Forecaster.Core.Models;

/// <summary>
/// One single-window kernel per thread, reused while shape and window stay the same. A kernel owns a
/// sizeable pinned workspace, and the host forecasts thousands of series of the same shape in a row.
/// Kernels are not thread-safe, hence one per thread.
/// </summary>
internal static class PredictionKernels
{
    [ThreadStatic]
    private static RnnTrainingKernel? ThreadKernel;

    public static RnnTrainingKernel For(RnnShape shape, int window)
    {
        var kernel = ThreadKernel;
        if (kernel is null || kernel.Shape != shape || kernel.Window != window)
        {
            kernel = new RnnTrainingKernel(shape, window, maxBatch: 1);
            ThreadKernel = kernel;
        }

        return kernel;
    }
}
