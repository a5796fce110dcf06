using System.Collections;
using System.Reflection;

namespace Forecaster.Host.Configuration;

/// <summary>
/// One configuration section and the options type bound to it (registered by <see cref="OptionsRegistration"/>).
/// Together they are every key the service reads under <c>Forecaster:</c>, which is how a mistyped key is caught.
/// </summary>
/// <param name="NotBound">Properties filled from elsewhere (the connection string), so a key for them here is ignored.</param>
internal sealed record SettingsSection(string Name, Type OptionsType, params string[] NotBound)
{
    /// <summary>Whether <paramref name="key"/> (a full configuration path with a value) is read by this section.</summary>
    public bool Binds(string key)
    {
        if (!key.StartsWith(Name + ":", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var path = key[(Name.Length + 1)..].Split(':');
        var property = Settable().FirstOrDefault(candidate => candidate.Name.Equals(path[0], StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            return false;
        }

        // Lists take one key per element: Section:Name:0, Section:Name:1 …
        var isList = property.PropertyType != typeof(string) && property.PropertyType.IsAssignableTo(typeof(IEnumerable));
        return path.Length == 1 || (isList && path.Length == 2 && path[1].All(char.IsAsciiDigit));
    }

    /// <summary>The full keys of this section, for suggestions.</summary>
    public IEnumerable<string> Keys() => Settable().Select(property => $"{Name}:{property.Name}");

    private IEnumerable<PropertyInfo> Settable() =>
        OptionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod is { IsPublic: true } && !NotBound.Contains(property.Name, StringComparer.Ordinal));
}
