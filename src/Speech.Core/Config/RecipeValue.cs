using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Speech.Core.Config;

/// <summary>One scalar setting as written, before it is bound to a typed property.</summary>
/// <param name="Text">The scalar's text with quotes removed.</param>
/// <param name="IsNull">True for a plain <c>~</c>, <c>null</c> or empty value (YAML's null), false
/// when quoted, so <c>"null"</c> stays a string.</param>
/// <param name="Where">What an error message starts with: <c>file:line</c> or <c>--set a.b=c</c>.</param>
internal sealed record RecipeValue(string Text, bool IsNull, string Where)
{
    public static RecipeValue From(YamlScalarNode node, string where)
    {
        string text = node.Value ?? "";
        return new RecipeValue(text, node.Style == ScalarStyle.Plain && IsNullText(text), where);
    }

    /// <summary>The plain scalars YAML's core schema reads as null.</summary>
    public static bool IsNullText(string text) => text is "" or "~" or "null" or "Null" or "NULL";
}
