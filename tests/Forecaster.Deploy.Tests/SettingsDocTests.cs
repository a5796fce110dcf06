using System.Collections;
using System.Globalization;
using System.Reflection;
using Forecaster.Deploy.Tests.Support;
using Forecaster.Host.Configuration;
using Forecaster.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Forecaster.Deploy.Tests;

/// <summary>
/// deploy/SERVICE.md's settings table against the options the host really binds: every validated options
/// type the host registers, every settable property, its environment-variable form and its literal default.
/// </summary>
public sealed class SettingsDocTests
{
    private const string ConnectionStringKey = "ConnectionStrings:" + DatabaseOptions.ConnectionStringName;

    private static readonly Dictionary<string, SettingsRow> Table = ReadTable();

    public static TheoryData<string> SettingKeys() => new(BoundSettings().Select(setting => setting.Key));

    [Theory]
    [MemberData(nameof(SettingKeys))]
    public void Every_bound_setting_has_a_row_with_its_environment_variable_and_a_meaning(string key)
    {
        var setting = BoundSettings().Single(candidate => candidate.Key == key);

        Assert.True(Table.TryGetValue(key, out var row), $"deploy/SERVICE.md has no row for `{key}`");
        Assert.Equal(setting.EnvironmentVariable, row.EnvironmentVariable);
        Assert.False(string.IsNullOrWhiteSpace(row.Meaning), $"`{key}` has no meaning");
    }

    [Theory]
    [MemberData(nameof(SettingKeys))]
    public void A_literal_default_in_the_table_is_the_options_types_own_default(string key)
    {
        var setting = BoundSettings().Single(candidate => candidate.Key == key);
        var documented = Table[key].Default;

        // Defaults that depend on the machine (the core count) are described in words, not as a literal.
        if (documented.StartsWith('`'))
        {
            Assert.Equal($"`{setting.Default}`", documented);
        }
    }

    [Fact]
    public void The_table_documents_no_setting_the_host_does_not_bind()
    {
        var bound = BoundSettings().Select(setting => setting.Key).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(Table.Keys, key => !key.StartsWith("Logging:", StringComparison.Ordinal) && !bound.Contains(key));
    }

    [Fact]
    public void The_options_discovery_sees_every_section_the_host_registers()
    {
        var sections = BoundSettings().Select(setting => setting.Key[..setting.Key.LastIndexOf(':')]).Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "ConnectionStrings", "Forecaster:Accuracy:Demotion", "Forecaster:Champion", "Forecaster:Database", "Forecaster:Retention",
                "Forecaster:Schedule", "Forecaster:Series", "Forecaster:Source", "Forecaster:Telemetry", "Forecaster:Training",
                "Forecaster:Workers",
            ],
            sections);
    }

    // Discovered once: every discovery builds a host, whose configuration file watcher holds an inotify instance until it
    // is collected, and one per theory case ran into the per-user limit of 128.
    private static readonly Lazy<BoundSetting[]> Discovered = new(() => [.. DiscoverBoundSettings()]);

    private static BoundSetting[] BoundSettings() => Discovered.Value;

    /// <summary>The settings as the host registers them: one validated options type per section.</summary>
    private static IEnumerable<BoundSetting> DiscoverBoundSettings()
    {
        var services = ForecasterHost.CreateBuilder([]).Services;
        foreach (var validator in services.Where(service =>
                     service.ServiceType.IsGenericType && service.ServiceType.GetGenericTypeDefinition() == typeof(IValidateOptions<>)))
        {
            var optionsType = validator.ServiceType.GetGenericArguments()[0];
            var section = SectionOf(optionsType) ?? SectionOf(validator.ImplementationType!)
                ?? throw new InvalidOperationException($"No SectionName on {optionsType} or {validator.ImplementationType}.");
            var defaults = Activator.CreateInstance(optionsType)!;
            foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.SetMethod is { IsPublic: true }))
            {
                // The connection string is bound from the standard ConnectionStrings section, not from Forecaster:Database.
                var key = optionsType == typeof(DatabaseOptions) && property.Name == nameof(DatabaseOptions.ConnectionString)
                    ? ConnectionStringKey
                    : $"{section}:{property.Name}";
                var isList = property.PropertyType != typeof(string) && property.PropertyType.IsAssignableTo(typeof(IEnumerable));
                yield return new BoundSetting(
                    key,
                    key.Replace(":", "__", StringComparison.Ordinal) + (isList ? "__0" : ""),
                    Format(property.GetValue(defaults)));
            }
        }
    }

    private static string? SectionOf(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;

    private static string Format(object? value) => value switch
    {
        null => "",
        bool flag => flag ? "true" : "false",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        string text => text,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object>().Select(Format)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // Only the "## Settings" section: other tables of the file (per-series settings, backups) are not service settings.
    private static Dictionary<string, SettingsRow> ReadTable() =>
        Repository.Read(Path.Combine("deploy", "SERVICE.md"))
            .Split('\n')
            .SkipWhile(line => line.TrimEnd() != "## Settings")
            .TakeWhile((line, index) => index == 0 || !line.StartsWith("## ", StringComparison.Ordinal))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .ToDictionary(
                cells => cells[1].Trim('`'),
                cells => new SettingsRow(cells[2], cells[3].Trim('`'), cells[4]),
                StringComparer.Ordinal);

    private sealed record BoundSetting(string Key, string EnvironmentVariable, string Default);

    private sealed record SettingsRow(string Default, string EnvironmentVariable, string Meaning);
}
