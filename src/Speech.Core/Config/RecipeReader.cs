using System.Text.RegularExpressions;
using Speech.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Speech.Core.Config;

/// <summary>Reads a recipe's YAML into sections of scalar settings, rejecting every other shape
/// with the file and line, so a typo fails at load time rather than deep inside training.</summary>
internal static partial class RecipeReader
{
    /// <summary>Parses <paramref name="path"/>: a mapping of section name to a mapping of key to scalar.</summary>
    public static OrderedDictionary<string, RecipeSection> ReadFile(string path)
    {
        YamlStream stream;
        try
        {
            using var reader = File.OpenText(path);
            stream = Parse(reader, line => $"{path}:{line}");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigException($"{path}: recipe file not found", e);
        }

        if (stream.Documents.Count == 0)
            throw new ConfigException($"{path}:1: the recipe is empty; expected sections such as 'model:' holding key: value settings");
        if (stream.Documents.Count > 1)
            throw At(path, stream.Documents[1].RootNode, $"expected one YAML document, found {stream.Documents.Count}");

        YamlNode root = stream.Documents[0].RootNode;
        RejectAnchorAndTag(path, root);
        if (root is not YamlMappingNode rootMapping)
            throw At(path, root, $"the recipe must be a mapping of sections, got {Describe(root)}");

        var sections = new OrderedDictionary<string, RecipeSection>(StringComparer.Ordinal);
        foreach (var (nameNode, body) in rootMapping.Children)
        {
            string name = KeyText(path, nameNode, "section");
            RejectAnchorAndTag(path, body);
            if (body is not YamlMappingNode bodyMapping)
                throw At(path, nameNode, $"section '{name}' must be a mapping of key: value settings, got {Describe(body)}");

            var section = new RecipeSection($"{path}:{nameNode.Start.Line}");
            foreach (var (keyNode, valueNode) in bodyMapping.Children)
            {
                string key = KeyText(path, keyNode, "key");
                RejectAnchorAndTag(path, valueNode);
                // The key's line, not the value's: a block value starts on the line below.
                if (valueNode is not YamlScalarNode scalar)
                    throw At(path, keyNode, $"{name}.{key} must be a single value, got {Describe(valueNode)}; nested settings are not supported");
                section.Values[key] = RecipeValue.From(scalar, $"{path}:{keyNode.Start.Line}");
            }
            sections[name] = section;
        }
        return sections;
    }

    /// <summary>Parses the value of a <c>--set</c> override as one YAML scalar (so quoting works as in the file).</summary>
    public static RecipeValue ReadOverrideValue(string text, string where)
    {
        YamlStream stream = Parse(new StringReader(text), _ => where);
        if (stream.Documents.Count == 0)
            return new RecipeValue("", IsNull: true, where);
        YamlNode root = stream.Documents[0].RootNode;
        if (stream.Documents.Count > 1 || root is not YamlScalarNode scalar || !root.Anchor.IsEmpty || !root.Tag.IsEmpty)
            throw new ConfigException($"{where}: the value must be a single plain or quoted scalar");
        return RecipeValue.From(scalar, where);
    }

    private static YamlStream Parse(TextReader reader, Func<long, string> where)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            // Also reports a duplicate key or section. YamlDotNet prefixes its message with "(Line: .., Col: ..) - (..): "; keep only the reason.
            string reason = PositionPrefix().Replace(e.Message, "");
            throw new ConfigException($"{where(e.Start.Line)}: {reason}", e);
        }
        return stream;
    }

    private static string KeyText(string path, YamlNode node, string what)
    {
        RejectAnchorAndTag(path, node);
        if (node is not YamlScalarNode { Value: { Length: > 0 } text })
            throw At(path, node, $"a {what} name must be a plain word, got {Describe(node)}");
        return text;
    }

    private static void RejectAnchorAndTag(string path, YamlNode node)
    {
        if (!node.Anchor.IsEmpty)
            throw At(path, node, $"anchors and aliases (&{node.Anchor}) are not supported; write each value out");
        if (!node.Tag.IsEmpty)
            throw At(path, node, $"tags ({node.Tag}) are not supported; a setting's type comes from its options record");
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: { Length: > 0 } text } => $"the value '{text}'",
        YamlScalarNode => "nothing",
        _ => "an alias",
    };

    private static ConfigException At(string path, YamlNode node, string message) =>
        new($"{path}:{node.Start.Line}: {message}");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
