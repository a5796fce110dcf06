using YamlDotNet.RepresentationModel;

namespace Forecaster.Deploy.Tests.Support;

/// <summary>Just enough YAML navigation to read configuration files without a class per file format.</summary>
internal static class Yaml
{
    public static YamlNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }

    public static YamlNode Load(string relativePath) => Parse(Repository.Read(relativePath));

    public static YamlNode? Child(this YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static IEnumerable<YamlNode> Items(this YamlNode? node) =>
        node is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(this YamlNode? node) =>
        node is YamlMappingNode mapping
            ? mapping.Children.Select(entry => KeyValuePair.Create(entry.Key.Text() ?? "", entry.Value))
            : [];

    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;
}
