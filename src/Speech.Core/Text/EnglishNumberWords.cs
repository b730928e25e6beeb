using System.Numerics;

namespace Speech.Core.Text;

/// <summary>The word tables of Whisper's <c>EnglishNumberNormalizer</c>: spelled digits, teens,
/// tens, multipliers, their plural and ordinal forms, and the currency/sign/percent words.</summary>
internal static class EnglishNumberWords
{
    public static readonly HashSet<string> Zeros = new() { "o", "oh", "zero" };

    public static readonly Dictionary<string, int> Ones = new[]
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    }.Select((name, index) => (name, value: index + 1)).ToDictionary(p => p.name, p => p.value);

    /// <summary>"twos" → (2, "s"), "fourth" → (4, "th"), "twelfth" → (12, "th"), ...</summary>
    public static readonly Dictionary<string, (int Value, string Suffix)> OnesSuffixed = BuildOnesSuffixed();

    public static readonly Dictionary<string, int> Tens = new()
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
        ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    /// <summary>"twenties" → (20, "s"), "twentieth" → (20, "th").</summary>
    public static readonly Dictionary<string, (int Value, string Suffix)> TensSuffixed =
        Tens.Select(p => KeyValuePair.Create(p.Key.Replace("y", "ies"), (p.Value, "s")))
            .Concat(Tens.Select(p => KeyValuePair.Create(p.Key.Replace("y", "ieth"), (p.Value, "th"))))
            .ToDictionary();

    public static readonly Dictionary<string, BigInteger> Multipliers = new[]
    {
        ("hundred", 2), ("thousand", 3), ("million", 6), ("billion", 9), ("trillion", 12), ("quadrillion", 15),
        ("quintillion", 18), ("sextillion", 21), ("septillion", 24), ("octillion", 27), ("nonillion", 30), ("decillion", 33),
    }.ToDictionary(p => p.Item1, p => BigInteger.Pow(10, p.Item2));

    /// <summary>"millions" → (10^6, "s"), "millionth" → (10^6, "th").</summary>
    public static readonly Dictionary<string, (BigInteger Value, string Suffix)> MultipliersSuffixed =
        Multipliers.Select(p => KeyValuePair.Create(p.Key + "s", (p.Value, "s")))
            .Concat(Multipliers.Select(p => KeyValuePair.Create(p.Key + "th", (p.Value, "th"))))
            .ToDictionary();

    /// <summary>Sign words, applied when a number follows.</summary>
    public static readonly Dictionary<string, string> PrecedingPrefixers = new()
    {
        ["minus"] = "-", ["negative"] = "-", ["plus"] = "+", ["positive"] = "+",
    };

    /// <summary>Currency words, turned into a symbol before the number they follow.</summary>
    public static readonly Dictionary<string, string> FollowingPrefixers = new()
    {
        ["pound"] = "£", ["pounds"] = "£", ["euro"] = "€", ["euros"] = "€",
        ["dollar"] = "$", ["dollars"] = "$", ["cent"] = "¢", ["cents"] = "¢",
    };

    public static readonly HashSet<char> PrefixSymbols = new() { '-', '+', '£', '€', '$', '¢' };

    public static readonly HashSet<string> Specials = new() { "and", "double", "triple", "point" };

    /// <summary>Words that may follow "point": digits, teens, tens and zeros.</summary>
    public static readonly HashSet<string> Decimals = Ones.Keys.Concat(Tens.Keys).Concat(Zeros).ToHashSet();

    /// <summary>Every word the normaliser treats as part of a number.</summary>
    public static readonly HashSet<string> All = Zeros
        .Concat(Ones.Keys).Concat(OnesSuffixed.Keys).Concat(Tens.Keys).Concat(TensSuffixed.Keys)
        .Concat(Multipliers.Keys).Concat(MultipliersSuffixed.Keys)
        .Concat(PrecedingPrefixers.Keys).Concat(FollowingPrefixers.Keys)
        .Concat(new[] { "per", "percent" }).Concat(Specials)
        .ToHashSet();

    static Dictionary<string, (int, string)> BuildOnesSuffixed()
    {
        var table = new Dictionary<string, (int, string)>();
        foreach (var (name, value) in Ones) table[name == "six" ? "sixes" : name + "s"] = (value, "s");
        table["zeroth"] = (0, "th");
        table["first"] = (1, "st");
        table["second"] = (2, "nd");
        table["third"] = (3, "rd");
        table["fifth"] = (5, "th");
        table["twelfth"] = (12, "th");
        foreach (var (name, value) in Ones)
            if (value > 3 && value != 5 && value != 12)
                table[name + (name.EndsWith('t') ? "h" : "th")] = (value, "th");
        return table;
    }
}
