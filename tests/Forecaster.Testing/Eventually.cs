namespace Forecaster.Testing;

/// <summary>Waits for a condition observed from outside (a database state, a child process), never for a fixed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="probe"/> until it returns a value, and returns that value.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : struct =>
        await PollAsync(async () => await probe() is { } value ? (true, value) : (false, default), timeout, what);

    /// <summary>Polls <paramref name="probe"/> until it returns an object (not null), and returns that object.</summary>
    public static async Task<T> WaitForObjectAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class =>
        (await PollAsync(async () => await probe() is { } value ? (true, value) : (false, null), timeout, what))!;

    public static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        WaitForAsync(async () => await condition() ? true : (bool?)null, timeout, what);

    private static async Task<T> PollAsync<T>(Func<Task<(bool Found, T Value)>> probe, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var timer = new PeriodicTimer(PollInterval);
        while (true)
        {
            if (await probe() is (true, var value))
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
}
