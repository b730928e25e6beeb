using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Speech.Core.Errors;

namespace Speech.Core.Config;

/// <summary>One settable property of an options record and its recipe key; parses a setting's
/// text into the property's type and formats a value back, so both directions agree.</summary>
internal sealed partial class RecipeProperty
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly Type _valueType;
    private readonly bool _acceptsNull;

    private RecipeProperty(string key, PropertyInfo info, Type valueType, bool acceptsNull)
    {
        Key = key;
        Info = info;
        _valueType = valueType;
        _acceptsNull = acceptsNull;
    }

    /// <summary>The YAML key: the <see cref="JsonPropertyNameAttribute"/> name, else the property name in snake_case.</summary>
    public string Key { get; }

    public PropertyInfo Info { get; }

    /// <summary>The public get-and-set (or init) properties of <paramref name="type"/> in declaration order.</summary>
    /// <exception cref="InvalidOperationException">A property's type cannot come from a scalar, or two share a key
    /// (a bug in the options record, not in the recipe).</exception>
    public static IReadOnlyList<RecipeProperty> Of(Type type)
    {
        var nullability = new NullabilityInfoContext();
        var result = new List<RecipeProperty>();
        foreach (PropertyInfo info in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (info.GetIndexParameters().Length > 0 || info.GetMethod is not { IsPublic: true } || info.SetMethod is not { IsPublic: true })
                continue;
            Type? underlying = Nullable.GetUnderlyingType(info.PropertyType);
            Type valueType = underlying ?? info.PropertyType;
            if (!IsSupported(valueType))
                throw new InvalidOperationException($"{type.Name}.{info.Name} is a {info.PropertyType.Name}; recipe settings must be int, long, double, float, bool, string or an enum");
            string key = info.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? SnakeCase(info.Name);
            if (result.Any(p => p.Key == key))
                throw new InvalidOperationException($"{type.Name}: two properties map to the key '{key}'");
            bool acceptsNull = underlying is not null
                || (valueType == typeof(string) && nullability.Create(info).WriteState == NullabilityState.Nullable);
            result.Add(new RecipeProperty(key, info, valueType, acceptsNull));
        }
        return result;
    }

    /// <summary>The same snake_case as System.Text.Json's policy, so YAML and JSON keys agree (<c>DModel</c> → <c>d_model</c>).</summary>
    public static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    /// <summary>Converts a setting; throws a <see cref="ConfigException"/> naming where it was written.</summary>
    public object? Parse(RecipeValue value, string section)
    {
        if (value.IsNull)
            return _acceptsNull ? null : throw Invalid(value, section);
        string text = value.Text;
        if (_valueType == typeof(string))
            return text;
        if (_valueType == typeof(int))
        {
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, Invariant, out int i)) return i;
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, Invariant, out _))
                throw new ConfigException($"{value.Where}: {section}.{Key} must be an integer between {int.MinValue} and {int.MaxValue}, got '{text}'");
            throw Invalid(value, section);
        }
        if (_valueType == typeof(long))
            return long.TryParse(text, NumberStyles.AllowLeadingSign, Invariant, out long l) ? l : throw Invalid(value, section);
        if (_valueType == typeof(double))
            return ParseReal(text) is { } d ? d : throw Invalid(value, section);
        if (_valueType == typeof(float))
            return ParseFloat(text) is { } f ? f : throw Invalid(value, section);
        if (_valueType == typeof(bool))
        {
            if (text.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
            if (text.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
            throw Invalid(value, section);
        }
        foreach (string name in Enum.GetNames(_valueType))
        {
            if (name.Equals(text, StringComparison.OrdinalIgnoreCase) || SnakeCase(name).Equals(text, StringComparison.OrdinalIgnoreCase))
                return Enum.Parse(_valueType, name);
        }
        throw Invalid(value, section);
    }

    /// <summary>A value's YAML text (invariant, round-trippable) and whether it must be quoted to stay a string.</summary>
    public (string Text, bool Quote) Format(object value) => value switch
    {
        string s => (s, !PlainString().IsMatch(s) || RecipeValue.IsNullText(s) || LooksTyped(s)),
        bool b => (b ? "true" : "false", false),
        double d => (FormatReal(d, d.ToString("R", Invariant)), false),
        float f => (FormatReal(f, f.ToString("R", Invariant)), false),
        Enum e => (Enum.GetName(_valueType, e) is { } name
            ? SnakeCase(name)
            : throw new ArgumentException($"{Info.Name} = {e} is not a named {_valueType.Name} value"), false),
        IFormattable n => (n.ToString(null, Invariant), false),
        _ => throw new ArgumentException($"{Info.Name} holds a {value.GetType().Name}"),
    };

    private static bool IsSupported(Type t) =>
        t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float)
        || t == typeof(bool) || t == typeof(string) || t.IsEnum;

    private string Expected() =>
        _valueType == typeof(int) || _valueType == typeof(long) ? "an integer"
        : _valueType == typeof(double) || _valueType == typeof(float) ? "a number"
        : _valueType == typeof(bool) ? "true or false"
        : _valueType == typeof(string) ? "a string"
        : "one of " + string.Join(", ", Enum.GetNames(_valueType).Select(SnakeCase));

    private ConfigException Invalid(RecipeValue value, string section) =>
        new($"{value.Where}: {section}.{Key} must be {Expected()}, got '{value.Text}'");

    private const NumberStyles RealStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Invariant decimal or exponent notation, or YAML's <c>.inf</c>/<c>.nan</c>; null for anything
    /// else, including a finite literal too large for the type (which would silently become infinite).</summary>
    private static double? ParseReal(string text) =>
        NonFinite(text) ?? (double.TryParse(text, RealStyle, Invariant, out double d) && double.IsFinite(d) ? d : null);

    /// <summary>Parsed as a float directly: going through double could round twice and miss the written value.</summary>
    private static float? ParseFloat(string text) =>
        NonFinite(text) is { } special ? (float)special
        : float.TryParse(text, RealStyle, Invariant, out float f) && float.IsFinite(f) ? f : null;

    private static double? NonFinite(string text) => text.ToLowerInvariant() switch
    {
        ".inf" or "+.inf" => double.PositiveInfinity,
        "-.inf" => double.NegativeInfinity,
        ".nan" => double.NaN,
        _ => null,
    };

    /// <summary>YAML's spellings for the non-finite values; <c>.0</c> added to whole numbers so a
    /// reader sees a float (<c>dropout: 0.0</c>).</summary>
    private static string FormatReal(double value, string shortest) =>
        double.IsNaN(value) ? ".nan"
        : double.IsPositiveInfinity(value) ? ".inf"
        : double.IsNegativeInfinity(value) ? "-.inf"
        : shortest.All(c => char.IsAsciiDigit(c) || c == '-') ? shortest + ".0"
        : shortest;

    /// <summary>Words of letters, digits and <c>_ . / -</c> separated by single spaces: safe unquoted.
    /// Anything else is double-quoted, where YamlDotNet escapes tabs, newlines and control characters.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_./-]+( [A-Za-z0-9_./-]+)*$")]
    private static partial Regex PlainString();

    /// <summary>True for text another YAML reader would take as a bool or number; quoted so it reads as a string everywhere.</summary>
    private static bool LooksTyped(string s) =>
        s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("false", StringComparison.OrdinalIgnoreCase)
        || NonFinite(s) is not null || double.TryParse(s, RealStyle, Invariant, out _);
}
