namespace Speech.Core.Config;

/// <summary>One top-level section of a recipe: its settings in file order, then overrides.</summary>
/// <param name="Where">Where the section was named (<c>file:line</c> or the override that added it).</param>
internal sealed record RecipeSection(string Where)
{
    /// <summary>Settings by key; keys are case-sensitive, as YAML's are.</summary>
    public OrderedDictionary<string, RecipeValue> Values { get; } = new(StringComparer.Ordinal);
}
