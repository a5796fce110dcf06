using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Forecaster.Host.Configuration;

namespace Forecaster.Host.Cli;

/// <summary>What is wrong with a command line, with the verb or option probably meant; empty when nothing is.</summary>
internal static class UsageErrors
{
    public static IReadOnlyList<string> Of(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        var names = command.Subcommands.Where(verb => !verb.Hidden).Select(verb => verb.Name)
            .Concat(command.Options.Where(option => !option.Hidden).SelectMany(option => option.Aliases.Prepend(option.Name)))
            .ToList();
        var lines = new List<string>();
        foreach (var error in parseResult.Errors)
        {
            lines.Add(error.Message);
        }

        foreach (var token in parseResult.UnmatchedTokens.Where(token => Suggestions.Closest(token, names) is not null))
        {
            lines.Add($"'{token}': did you mean {Suggestions.Closest(token, names)}?");
        }

        // The parser takes an unknown option as an argument where one is expected (import --bogus a.csv would read a
        // file called --bogus): options are checked before files or series keys are. Negative numbers are values.
        var strays = parseResult.Tokens.Where(token =>
            token.Type == TokenType.Argument && IsOptionLike(token.Value) && !parseResult.UnmatchedTokens.Contains(token.Value));
        foreach (var stray in strays)
        {
            lines.Add(Suggestions.Closest(stray.Value, names) is { } suggestion
                ? $"'{stray.Value}' is not an option of '{command.Name}': did you mean {suggestion}?"
                : $"'{stray.Value}' is not an option of '{command.Name}'.");
        }

        return lines;
    }

    private static bool IsOptionLike(string token) =>
        token.Length > 1 && token[0] == '-' && !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
