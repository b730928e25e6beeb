using Speech.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Speech.Core.Config;

/// <summary>A training recipe: a YAML file of sections (<c>model:</c>, <c>training:</c>, …) of scalar
/// settings, plus <c>--set section.key=value</c> overrides, bound strictly onto one options record
/// per section. Every mistake is a <see cref="ConfigException"/> naming the file and line (or the
/// override) and the valid choices, so a typo never trains with a silent default.</summary>
public sealed class RecipeConfig
{
    private readonly OrderedDictionary<string, RecipeSection> _sections;
    private readonly IReadOnlyList<string> _overrides;

    private RecipeConfig(string path, OrderedDictionary<string, RecipeSection> sections, IReadOnlyList<string> overrides)
    {
        Path = path;
        _sections = sections;
        _overrides = overrides;
    }

    /// <summary>The recipe file as given to <see cref="Load"/>; error messages start with it.</summary>
    public string Path { get; }

    /// <summary>Reads and checks the shape of <paramref name="path"/>, then applies the overrides in order
    /// (a later one wins). An override may add a key or section the file lacks; whether it is valid
    /// is checked when its section is bound, with the error naming the override.</summary>
    /// <param name="path">A YAML file whose root maps section names to mappings of key to scalar.</param>
    /// <param name="overrides"><c>section.key=value</c> strings from <c>--set</c>; the value is a YAML scalar.</param>
    /// <exception cref="ConfigException">The file is missing, is not valid YAML, has another shape
    /// (a list, a nested mapping, an anchor or alias, a tag, an empty file) or an override is malformed.</exception>
    public static RecipeConfig Load(string path, IEnumerable<string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var sections = RecipeReader.ReadFile(path);
        var applied = new List<string>();
        foreach (string text in overrides ?? [])
        {
            string where = $"--set {text}";
            int equals = text.IndexOf('=');
            string target = equals < 0 ? "" : text[..equals];
            int dot = target.IndexOf('.');
            if (dot <= 0 || dot == target.Length - 1 || target.IndexOf('.', dot + 1) >= 0)
                throw new ConfigException($"{where}: expected section.key=value, e.g. training.lr=3e-4");
            RecipeValue value = RecipeReader.ReadOverrideValue(text[(equals + 1)..], where);
            string name = target[..dot];
            if (!sections.TryGetValue(name, out RecipeSection? section))
                sections[name] = section = new RecipeSection(where);
            section.Values[target[(dot + 1)..]] = value;
            applied.Add(text);
        }
        return new RecipeConfig(path, sections, applied);
    }

    /// <summary>Binds section <paramref name="name"/> onto a fresh <typeparamref name="T"/>: each key sets the
    /// public property whose snake_case name (or <c>[JsonPropertyName]</c>) it is; absent keys, or an
    /// absent section, keep <typeparamref name="T"/>'s defaults.</summary>
    /// <exception cref="ConfigException">A key matches no property, or a value does not parse as its type.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> has a property that is not
    /// int, long, double, float, bool, string or an enum (or their nullable forms).</exception>
    public T Section<T>(string name) where T : new()
    {
        IReadOnlyList<RecipeProperty> properties = RecipeProperty.Of(typeof(T));
        object target = new T(); // boxed once, so a struct is filled in place
        if (!_sections.TryGetValue(name, out RecipeSection? section))
            return (T)target;
        foreach (var (key, value) in section.Values)
        {
            RecipeProperty property = properties.FirstOrDefault(p => p.Key == key)
                ?? throw new ConfigException($"{value.Where}: unknown key '{key}' in section '{name}'; valid: {Sorted(properties.Select(p => p.Key))}");
            property.Info.SetValue(target, property.Parse(value, name));
        }
        return (T)target;
    }

    /// <summary>Rejects any top-level section not in <paramref name="valid"/>, since a misspelt section would
    /// otherwise bind to defaults without a word.</summary>
    /// <exception cref="ConfigException">Names the first unknown section, where it was written, and the valid ones.</exception>
    public void RequireOnlySections(params string[] valid)
    {
        foreach (var (name, section) in _sections)
        {
            if (!valid.Contains(name, StringComparer.Ordinal))
                throw new ConfigException($"{section.Where}: unknown section '{name}'; valid: {Sorted(valid)}");
        }
    }

    /// <summary>Writes the bound options back as a recipe (for <c>config.resolved.yaml</c>): every property,
    /// defaults included, in declaration order, under the same keys <see cref="Section{T}"/> reads, so
    /// loading the text and binding again gives equal objects. Nulls are left out (they bind back to the
    /// record's default, so a property whose default is not null cannot round-trip a null).</summary>
    /// <param name="sections">Section name to the bound options object, written in the dictionary's order.</param>
    public string ToResolvedYaml(IReadOnlyDictionary<string, object> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new Comment(OneLine($"resolved from {Path}"), isInline: false));
        foreach (string text in _overrides)
            emitter.Emit(new Comment(OneLine($"--set {text}"), isInline: false));
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart());
        foreach (var (name, options) in sections)
        {
            ArgumentNullException.ThrowIfNull(options, $"{nameof(sections)}[{name}]");
            Scalar(emitter, name, quote: false);
            emitter.Emit(new MappingStart());
            foreach (RecipeProperty property in RecipeProperty.Of(options.GetType()))
            {
                if (property.Info.GetValue(options) is not { } value)
                    continue;
                var (text, quote) = property.Format(value);
                Scalar(emitter, property.Key, quote: false);
                Scalar(emitter, text, quote);
            }
            emitter.Emit(new MappingEnd());
        }
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Scalar(Emitter emitter, string text, bool quote) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text,
            quote ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, isPlainImplicit: true, isQuotedImplicit: true));

    /// <summary>A comment must not break onto a line of its own, where it would be read as YAML.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Sorted(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));
}
