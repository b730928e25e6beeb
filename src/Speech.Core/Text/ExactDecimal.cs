using System.Numerics;
using System.Text.RegularExpressions;

namespace Speech.Core.Text;

/// <summary>An exact fraction parsed from a plain decimal such as <c>12</c>, <c>1.5</c> or
/// <c>3.</c> (what Python's <c>Fraction(str)</c> accepts from the number normaliser); used to tell
/// whole numbers from decimals and to scale "1.5 million" exactly.</summary>
internal readonly partial record struct ExactDecimal(BigInteger Numerator, BigInteger Denominator)
{
    public bool IsWhole => Denominator.IsOne;

    public static ExactDecimal? TryParse(string text)
    {
        var match = DecimalPattern().Match(text);
        if (!match.Success) return null;
        string whole = match.Groups[1].Value, fraction = match.Groups[2].Value;
        var numerator = BigInteger.Parse(whole + fraction is { Length: > 0 } digits ? digits : "0");
        var denominator = BigInteger.Pow(10, fraction.Length);
        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (divisor.IsZero) divisor = BigInteger.One;
        return new ExactDecimal(numerator / divisor, denominator / divisor);
    }

    public ExactDecimal Times(BigInteger factor)
    {
        var numerator = Numerator * factor;
        var divisor = BigInteger.GreatestCommonDivisor(numerator, Denominator);
        if (divisor.IsZero) divisor = BigInteger.One;
        return new ExactDecimal(numerator / divisor, Denominator / divisor);
    }

    [GeneratedRegex(@"^(?=[0-9]|\.[0-9])([0-9]*)(?:\.([0-9]*))?$")]
    private static partial Regex DecimalPattern();
}
