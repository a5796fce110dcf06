using System.CommandLine;

namespace Forecaster.Host.Cli;

/// <summary>
/// Setting overrides on the command line (<c>--Forecaster:Workers:DegreeOfParallelism 2</c> or <c>…=2</c>), told
/// apart from verbs and options by their configuration section before the strict parse, so every verb takes them
/// the same way and nothing else slips through as one: <c>train --series K --Forecaster:X 2</c> trains K only.
/// </summary>
internal static class SettingOverrides
{
    /// <summary>The sections a setting key may start with; anything else starting with <c>--</c> must be an option.</summary>
    public static readonly string[] Sections = ["Forecaster", "ConnectionStrings", "Logging"];

    private const string OptionName = "--setting";

    /// <summary>Carries the overrides through the parse to the verb (hidden: the documented form is <c>--Section:Key value</c>).</summary>
    public static Option<string[]> CreateOption() => new(OptionName)
    {
        Hidden = true,
        Recursive = true,
        Description = "KEY=VALUE configuration override.",
    };

    /// <summary>Rewrites each override as <c>--setting KEY=VALUE</c> and leaves every other token alone.</summary>
    /// <exception cref="FormatException">A setting key is the last token, with no value after it.</exception>
    public static string[] Rewrite(IReadOnlyList<string> args)
    {
        var tokens = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token == "--")
            {
                tokens.AddRange(args.Skip(i));
                break;
            }

            if (!IsSettingKey(token))
            {
                tokens.Add(token);
                continue;
            }

            var key = token[2..];
            if (key.Contains('=', StringComparison.Ordinal))
            {
                tokens.AddRange([OptionName, key]);
            }
            else if (i + 1 < args.Count)
            {
                tokens.AddRange([OptionName, $"{key}={args[++i]}"]);
            }
            else
            {
                throw new FormatException($"{token} needs a value: {token} VALUE or {token}=VALUE.");
            }
        }

        return [.. tokens];
    }

    /// <summary>The overrides of a parse, in the command-line configuration provider's <c>--KEY=VALUE</c> form.</summary>
    public static IEnumerable<string> Of(ParseResult parseResult) =>
        (parseResult.GetValue<string[]>(OptionName) ?? []).Select(setting => "--" + setting);

    private static bool IsSettingKey(string token) =>
        token.StartsWith("--", StringComparison.Ordinal)
        && Sections.Any(section => token.Length > section.Length + 3
            && token.AsSpan(2, section.Length).Equals(section, StringComparison.OrdinalIgnoreCase)
            && token[2 + section.Length] == ':');
}
