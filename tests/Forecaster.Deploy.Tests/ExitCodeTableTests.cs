using System.Globalization;
using Forecaster.Deploy.Tests.Support;
using Forecaster.Host.Cli;

namespace Forecaster.Deploy.Tests;

/// <summary>
/// One exit-code table: the one the program uses is the one <c>--help</c> prints and deploy/SERVICE.md documents,
/// and the systemd unit restarts the service after exactly the codes where restarting can help.
/// </summary>
public sealed class ExitCodeTableTests
{
    [Fact]
    public void Service_md_documents_every_exit_code_with_its_meaning_and_restart_policy()
    {
        var documented = Repository.Read(Path.Combine("deploy", "SERVICE.md")).Split('\n')
            .SkipWhile(line => line != "## Exit codes")
            .Where(line => line.Length > 2 && line.StartsWith("| ", StringComparison.Ordinal) && char.IsAsciiDigit(line[2]))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Select(cells => $"{cells[1]} {cells[2]} {cells[3]} {cells[4].StartsWith("yes", StringComparison.Ordinal)}");

        Assert.Equal(ExitCodes.All.Select(code => $"{code.Code} {code.Name} {code.Meaning} {code.Restart}"), documented);
    }

    [Fact]
    public async Task Help_prints_the_same_table()
    {
        using var output = new StringWriter();

        await ForecasterCommandLine.InvokeAsync(["--help"], output, TextWriter.Null);

        var help = output.ToString().Split('\n').Select(line => line.Trim()).ToList();
        Assert.All(
            ExitCodes.All,
            code => Assert.Contains($"{code.Code}  {(code.Name.Length > 0 ? code.Name + ": " : "")}{code.Meaning}", help));
    }

    [Fact]
    public void The_unit_restarts_on_failure_except_after_the_codes_a_person_must_act_on()
    {
        var unit = Repository.Read(Path.Combine("deploy", "systemd", "forecaster.service")).Split('\n').Select(line => line.Trim())
            .ToList();
        var prevented = unit.Single(line => line
            .StartsWith("RestartPreventExitStatus=", StringComparison.Ordinal))["RestartPreventExitStatus=".Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(status => int.Parse(status, CultureInfo.InvariantCulture));

        Assert.Contains("Restart=on-failure", unit);
        Assert.Equal(ExitCodes.All.Where(code => !code.Restart && code.Code != 0).Select(code => code.Code).Order(), prevented.Order());
    }
}
