using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Forecaster.Testing;

namespace Forecaster.Reliability.Tests.Support;

/// <summary>
/// The real <c>forecaster</c> executable (the Host build output copied beside the tests) as a child process,
/// with training shrunk so a cycle takes seconds and its console output captured for assertions.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    public const int Horizon = SmallTraining.Horizon;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private ServiceProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>forecaster VERB</c>; the connection string travels in the environment, as a deployment passes it,
    /// and <paramref name="overrides"/> win over the small-training settings.
    /// </summary>
    public static ServiceProcess Start(
        string verb, string connectionString, string instanceId, IReadOnlyDictionary<string, string>? overrides = null,
        IReadOnlyList<string>? arguments = null)
    {
        var settings = SmallTraining.Settings(instanceId);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "forecaster.dll"));
        start.ArgumentList.Add(verb);
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["ConnectionStrings__Forecaster"] = connectionString;
        var child = new ServiceProcess(new Process { StartInfo = start });
        child._process.OutputDataReceived += (_, line) => child.Append(line.Data);
        child._process.ErrorDataReceived += (_, line) => child.Append(line.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs <c>forecaster VERB</c> to its end and returns the exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string verb, string connectionString, string instanceId, IReadOnlyDictionary<string, string>? overrides = null,
        IReadOnlyList<string>? arguments = null)
    {
        using var child = Start(verb, connectionString, instanceId, overrides, arguments);
        var exitCode = await child.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return (exitCode, child.Output);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"forecaster did not exit within {timeout}. Output so far:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown handler, no finally block, no chance to record anything.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, as systemd and docker stop a service: it finishes or cancels in-flight work and exits.</summary>
    public void Terminate()
    {
        if (Signal(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }
}
