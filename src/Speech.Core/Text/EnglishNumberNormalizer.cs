using System.Numerics;
using System.Text.RegularExpressions;
using static Speech.Core.Text.EnglishNumberWords;

namespace Speech.Core.Text;

/// <summary>Whisper's <c>EnglishNumberNormalizer</c>: spelled-out numbers become digits
/// ("twenty one" → 21, "one oh one" → 101, "double five" → 55, "two point five" → 2.5, "one
/// hundred and five" → 105), suffixes are kept ("1960s", "21st"), currency words become leading
/// symbols ("twenty dollars" → $20, "five cents" → ¢5, "$2 and ¢7" → $2.07), "percent" → %, and
/// "and a half" after a number → ".5". The input is expected lower-case with symbols already
/// spaced out, as <see cref="WhisperEnglishNormalizer"/> prepares it.</summary>
public sealed partial class EnglishNumberNormalizer
{
    public string Normalize(string text)
    {
        string s = Preprocess(text);
        s = string.Join(" ", ProcessWords(s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        return Postprocess(s);
    }

    /// <summary>The number being built: null, a whole number, or digits kept as text (decimals,
    /// digit sequences such as "one oh one").</summary>
    static string AsText(object value) => value is BigInteger number ? number.ToString() : (string)value;

    /// <summary>Python's <c>str(value or "")</c>: nothing, zero and "" all read as empty.</summary>
    static string TextOrEmpty(object? value) => value switch
    {
        null => "",
        BigInteger number when number.IsZero => "",
        _ => AsText(value),
    };

    static ExactDecimal? ToDecimal(object value) =>
        value is BigInteger number ? new ExactDecimal(number, BigInteger.One) : ExactDecimal.TryParse((string)value);

    static IEnumerable<string> ProcessWords(string[] words)
    {
        string? prefix = null;
        object? value = null;
        bool skip = false;

        string Output(object result)
        {
            string text = AsText(result);
            if (prefix is not null) text = prefix + text;
            value = null;
            prefix = null;
            return text;
        }

        for (int i = 0; i < words.Length; i++)
        {
            string? previous = i > 0 ? words[i - 1] : null;
            string current = words[i];
            string? next = i + 1 < words.Length ? words[i + 1] : null;
            if (skip) { skip = false; continue; }

            bool nextIsNumeric = next is not null && PlainNumber().IsMatch(next);
            bool nextIsNumberWord = next is not null && All.Contains(next);
            bool previousIsOnes = previous is not null && Ones.ContainsKey(previous);
            bool previousIsTens = previous is not null && Tens.ContainsKey(previous);
            bool hasPrefix = PrefixSymbols.Contains(current[0]);
            string withoutPrefix = hasPrefix ? current[1..] : current;

            if (PlainNumber().IsMatch(withoutPrefix))
            {
                // Arabic numbers, possibly signed or with a currency symbol, possibly decimal.
                var parsed = ExactDecimal.TryParse(withoutPrefix)!.Value;
                if (value is not null)
                {
                    if (value is string pending && pending.EndsWith('.'))
                    {
                        value = pending + current; // decimals and dotted groups such as IP addresses
                        continue;
                    }
                    yield return Output(value);
                }
                prefix = hasPrefix ? current[0].ToString() : prefix;
                value = parsed.IsWhole ? parsed.Numerator : withoutPrefix;
            }
            else if (!All.Contains(current))
            {
                if (value is not null) yield return Output(value);
                yield return Output(current);
            }
            else if (Zeros.Contains(current))
            {
                value = TextOrEmpty(value) + "0";
            }
            else if (Ones.TryGetValue(current, out int ones))
            {
                if (value is null) value = (BigInteger)ones;
                else if (value is string || previousIsOnes)
                    value = previousIsTens && ones < 10 ? AsText(value)[..^1] + ones : AsText(value) + ones;
                else
                    value = Combine((BigInteger)value, ones, ones < 10 ? 10 : 100);
            }
            else if (OnesSuffixed.TryGetValue(current, out var onesSuffixed))
            {
                (int number, string suffix) = onesSuffixed;
                if (value is null) yield return Output(number + suffix);
                else if (value is string || previousIsOnes)
                    yield return Output((previousIsTens && number < 10 ? AsText(value)[..^1] : AsText(value)) + number + suffix);
                else
                    yield return Output(AsText(Combine((BigInteger)value, number, number < 10 ? 10 : 100)) + suffix);
                value = null;
            }
            else if (Tens.TryGetValue(current, out int tens))
            {
                if (value is null) value = (BigInteger)tens;
                else if (value is string text) value = text + tens;
                else value = Combine((BigInteger)value, tens, 100);
            }
            else if (TensSuffixed.TryGetValue(current, out var tensSuffixed))
            {
                (int number, string suffix) = tensSuffixed;
                if (value is null) yield return Output(number + suffix);
                else if (value is string text) yield return Output(text + number + suffix);
                else yield return Output(AsText(Combine((BigInteger)value, number, 100)) + suffix);
            }
            else if (Multipliers.TryGetValue(current, out var multiplier))
            {
                if (value is null) value = multiplier;
                else if (value is string || ((BigInteger)value).IsZero)
                {
                    var scaled = ToDecimal(value)?.Times(multiplier);
                    if (scaled is { IsWhole: true }) value = scaled.Value.Numerator;
                    else
                    {
                        yield return Output(value);
                        value = multiplier;
                    }
                }
                else value = Scale((BigInteger)value, multiplier);
            }
            else if (MultipliersSuffixed.TryGetValue(current, out var multiplierSuffixed))
            {
                (BigInteger number, string suffix) = multiplierSuffixed;
                if (value is null) yield return Output(number + suffix);
                else if (value is string)
                {
                    var scaled = ToDecimal(value)?.Times(number);
                    if (scaled is { IsWhole: true }) yield return Output(scaled.Value.Numerator + suffix);
                    else
                    {
                        yield return Output(value);
                        yield return Output(number + suffix);
                    }
                }
                else yield return Output(Scale((BigInteger)value, number) + suffix);
                value = null;
            }
            else if (PrecedingPrefixers.TryGetValue(current, out var sign))
            {
                if (value is not null) yield return Output(value);
                if (nextIsNumberWord || nextIsNumeric) prefix = sign;
                else yield return Output(current);
            }
            else if (FollowingPrefixers.TryGetValue(current, out var currency))
            {
                if (value is not null)
                {
                    prefix = currency;
                    yield return Output(value);
                }
                else yield return Output(current);
            }
            else if (current is "per" or "percent")
            {
                if (value is null) yield return Output(current);
                else if (current == "percent") yield return Output(AsText(value) + "%");
                else if (next == "cent")
                {
                    yield return Output(AsText(value) + "%");
                    skip = true;
                }
                else
                {
                    yield return Output(value);
                    yield return Output(current);
                }
            }
            else if (!nextIsNumberWord && !nextIsNumeric)
            {
                // a special word ("and", "double", "triple", "point") not followed by a number
                if (value is not null) yield return Output(value);
                yield return Output(current);
            }
            else if (current == "and")
            {
                // "and" after hundred/thousand/... joins the number ("one hundred and five")
                if (previous is not null && Multipliers.ContainsKey(previous)) continue;
                if (value is not null) yield return Output(value);
                yield return Output(current);
            }
            else if (current is "double" or "triple")
            {
                if (next is not null && (Ones.ContainsKey(next) || Zeros.Contains(next)))
                {
                    int repeats = current == "double" ? 2 : 3;
                    string digit = (Ones.TryGetValue(next, out int repeated) ? repeated : 0).ToString();
                    value = TextOrEmpty(value) + string.Concat(Enumerable.Repeat(digit, repeats));
                    skip = true;
                }
                else
                {
                    if (value is not null) yield return Output(value);
                    yield return Output(current);
                }
            }
            else // "point": a decimal point when a digit follows, else dropped (as the reference does)
            {
                if ((next is not null && Decimals.Contains(next)) || nextIsNumeric) value = TextOrEmpty(value) + ".";
            }
        }
        if (value is not null) yield return Output(value);
    }

    /// <summary>Adds a smaller part when the place is free (20 + 1 = 21, 100 + 15 = 115), else
    /// appends digits (21 then 5 → "215").</summary>
    static object Combine(BigInteger value, int part, int place) =>
        value % place == 0 ? value + part : value.ToString() + part;

    /// <summary>Applies a multiplier to the last group of three digits (2 thousand 5 hundred: 2005 → 2500).</summary>
    static BigInteger Scale(BigInteger value, BigInteger multiplier) =>
        value / 1000 * 1000 + value % 1000 * multiplier;

    static string Preprocess(string text)
    {
        // "<number> and a half" → "<number> point five"
        var results = new List<string>();
        string[] segments = AndAHalf().Split(text);
        for (int i = 0; i < segments.Length; i++)
        {
            string segment = segments[i];
            if (segment.Trim().Length == 0) continue;
            results.Add(segment);
            if (i == segments.Length - 1) continue;
            string lastWord = segment.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[^1];
            results.Add(Decimals.Contains(lastWord) || Multipliers.ContainsKey(lastWord) ? "point five" : "and a half");
        }
        string s = string.Join(" ", results);
        s = LetterThenDigit().Replace(s, "$1 $2"); // a space at letter/number boundaries
        s = DigitThenLetter().Replace(s, "$1 $2");
        return DigitThenSuffix().Replace(s, "$1$2"); // but keep suffixes: 21st, 1960s
    }

    static string Postprocess(string text)
    {
        // "$2 and ¢7" → "$2.07"; "$0.07" → "¢7"
        string s = DollarsAndCents().Replace(text, m => $"{m.Groups[1].Value}{m.Groups[2].Value}.{int.Parse(m.Groups[3].Value):00}");
        s = ZeroDollarsAndCents().Replace(s, m => $"¢{int.Parse(m.Groups[1].Value)}");
        return LoneOne().Replace(s, "one$1"); // "one(s)" reads better than "1(s)"
    }

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?$")]
    private static partial Regex PlainNumber();

    [GeneratedRegex(@"\band\s+a\s+half\b")]
    private static partial Regex AndAHalf();

    [GeneratedRegex("([a-z])([0-9])")]
    private static partial Regex LetterThenDigit();

    [GeneratedRegex("([0-9])([a-z])")]
    private static partial Regex DigitThenLetter();

    [GeneratedRegex(@"([0-9])\s+(st|nd|rd|th|s)\b")]
    private static partial Regex DigitThenSuffix();

    [GeneratedRegex(@"([€£$])([0-9]+) (?:and )?¢([0-9]{1,2})\b")]
    private static partial Regex DollarsAndCents();

    [GeneratedRegex(@"[€£$]0.([0-9]{1,2})\b")]
    private static partial Regex ZeroDollarsAndCents();

    [GeneratedRegex(@"\b1(s?)\b")]
    private static partial Regex LoneOne();
}
