namespace Forecaster.Host.Cli;

/// <summary>
/// Every exit code of every verb (sysexits where one fits), as <c>--help</c> and deploy/SERVICE.md list them.
/// The systemd unit does not restart the service after the codes a person has to act on (<see cref="ExitCode.Restart"/>).
/// </summary>
public static class ExitCodes
{
    public static IReadOnlyList<ExitCode> All { get; } =
    [
        new(VerbHost.Success, "", "done; the service stopped cleanly", Restart: false),
        new(VerbHost.SomeSeriesFailed, "", "train, backtest: a series failed; import: a line or file was rejected (the " +
            "rest was done)", Restart: true),
        new(VerbHost.UsageError, "EX_USAGE", "unknown verb or option, or a missing argument", Restart: false),
        new(VerbHost.InvalidInput, "EX_DATAERR", "an input file is malformed (import, backtest --origins)", Restart: true),
        new(VerbHost.Unavailable, "EX_UNAVAILABLE", "a one-shot verb cannot reach the database (the service waits for it " +
            "instead)", Restart: true),
        new(VerbHost.InternalError, "EX_SOFTWARE", "an unexpected error ended the service's start (a defect: the log " +
            "has the details)", Restart: true),
        new(VerbHost.CannotCreateOutput, "EX_CANTCREAT", "an output file cannot be written (backtest --out)", Restart: true),
        new(VerbHost.HeldByAnotherInstance, "EX_TEMPFAIL", "train: another live instance holds a series it was to train; " +
            "run it again later", Restart: true),
        new(VerbHost.InvalidConfiguration, "EX_CONFIG", "configuration error (a setting, the login, the database or " +
            "price table): fix it, then start again", Restart: false),
        new(VerbHost.Cancelled, "", "cancelled (Ctrl-C)", Restart: true),
    ];

    /// <summary>The table as <c>--help</c> prints it.</summary>
    public static string HelpText() =>
        "Exit codes:" + string.Concat(All.Select(code => $"\n  {code.Code,3}  " +
        $"{(code.Name.Length > 0 ? code.Name + ": " : "")}{code.Meaning}"));
}

/// <param name="Restart">Whether restarting could help, so a service manager may restart the service after it.</param>
public sealed record ExitCode(int Code, string Name, string Meaning, bool Restart);
