using System.CommandLine;
using System.CommandLine.Invocation;
using Forecaster.Host.Hosting;

namespace Forecaster.Host.Cli;

/// <summary>
/// <c>--version</c> with the commit: the parser's own action drops the <c>+sha</c> the SDK appends to the
/// informational version, and the commit is what tells two builds of 0.1.0 apart.
/// </summary>
internal sealed class BuildVersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var parts = StartupChecks.BuildVersion.Split('+', 2);
        parseResult.InvocationConfiguration.Output.WriteLine(
            parts.Length == 2 ? $"forecaster {parts[0]} (commit {parts[1]})" : $"forecaster {parts[0]}");
        return 0;
    }
}
