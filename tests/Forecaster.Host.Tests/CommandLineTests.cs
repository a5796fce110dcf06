using Forecaster.Host.Cli;

namespace Forecaster.Host.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Version_names_the_program_and_its_build()
    {
        using var output = new StringWriter();

        var exitCode = await ForecasterCommandLine.InvokeAsync(["--version"], output, TextWriter.Null);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"^forecaster 0\.1\.0( \(commit [0-9a-f]{7,40}\))?\r?\n$", output.ToString());
    }

    [Fact]
    public async Task Help_lists_every_verb()
    {
        using var output = new StringWriter();

        await ForecasterCommandLine.InvokeAsync(["--help"], output, TextWriter.Null);

        Assert.All(["run", "migrate", "import", "train"], verb => Assert.Contains($"  {verb}", output.ToString(), StringComparison.Ordinal));
    }
}
