namespace Forecaster.Testing;

/// <summary>Waits for a condition observed from outside (a database state, a child process), never for a fixed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="probe"/> until it returns a value, and returns that value.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : struct
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var timer = new PeriodicTimer(PollInterval);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            try
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            }
        }
    }

    public static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        WaitForAsync(async () => await condition() ? true : (bool?)null, timeout, what);
}
